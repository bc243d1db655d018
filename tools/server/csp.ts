// Every Content-Security-Policy the preview server sends, in one place (the server and the browser tests read them here).

/** ord's two default CSP headers on /content and /preview, both enforced by the browser (ord:
 * src/subcommand/server/r.rs, `content_response`). */
export const CONTENT_CSP = [
  "default-src 'self' 'unsafe-eval' 'unsafe-inline' data: blob:",
  "default-src *:*/content/ *:*/blockheight *:*/blockhash *:*/blockhash/ *:*/blocktime *:*/r/ 'unsafe-eval' 'unsafe-inline' data: blob:",
];
/** ord's CSP on its own preview pages for images (and, here, for every non-HTML preview). */
export const PREVIEW_PAGE_CSP = "default-src 'self' 'unsafe-inline'";
/** The home page's own: inline script and style, frames and images from the server only. */
export const HOME_CSP = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data:";
