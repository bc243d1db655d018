// Property names that never leave the page's own code, so terser may shorten them (every byte is inscribed).
// Not listed, on purpose: anything read from or written to the outside. Brain JSON fields (units, layers, config,
// scale, offset, activation, ...), ord's JSON (height, ...), window.perceptron's keys and the values in it (seed,
// stage, age, life, feeRate, brain, prediction, id, name, classes, p, neurons and explain's layer, index, alive, field, ...), the config a collection token sets
// (brainId, birthHeight, ...), and every name the page reads from or sets on a DOM or JS object (the build lets terser
// shorten listed names even when some DOM interface has one: model, kind, note, caption, ...).
export const INTERNAL_PROPS = [
  // nn: the decoded model and the alive mask
  'model', 'inputShape', 'inputs', 'trainingTraits', 'dtype',
  // chain: fetch results and the watcher
  'kind', 'problem', 'rate', 'live', 'onBlock', 'onStatus', 'timeoutMs', 'intervalMs',
  // art: genome, life and scene
  'genome', 'birthYear', 'history', 'lifeCycle', 'lifeBlocks', 'pulsePeriod', 'nodeShape', 'nodeFill',
  'neuronLevel', 'connectionLevel', 'nodeScale', 'linkAlpha', 'gridStep', 'jitter', 'curvature', 'layerFrames',
  'setScene', 'drawFrame', 'replay', 'acts', 'ink', 'paper', 'accent', 'links', 'bands', 'cols', 'counts', 'kernels',
  'caption', 'tilt', 'noise', 'labels', 'outs', 'sizes', 'hop', 'fresh', 'visual', 'palette', 'margin', 'pulse', 'positive',
  'negative', 'nodes', 'level', 'inW', 'inH', 'cap', 'sheet', 'power', 'other', 'rows', 'dot', 'simd',
  'timers', 'rgba',
  // ui
  'trap', 'submit', 'note',
] as const;

/** The names of `names` that the bundle also spells as a string (a computed key or `in` test would break). */
export function quotedNames(js: string, names: readonly string[]): string[] {
  return names.filter((n) => new RegExp(`["'\`]${n}["'\`]`).test(js));
}
