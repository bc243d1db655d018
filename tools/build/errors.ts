/** A build that cannot go on: bad inputs, a bundler error, a page outside ord's CSP or over its budget. */
export class BuildError extends Error {}
