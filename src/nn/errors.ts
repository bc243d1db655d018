/** The only error decodeDataInscription throws. `path` is the JSON path at fault ('' = the whole document). */
export class DataInscriptionError extends Error {
  constructor(readonly path: string, problem: string) {
    super(path ? path + ': ' + problem : problem);
    this.name = 'DataInscriptionError';
  }
}

/** What classify() throws when a brain's output holds NaN or ±Infinity (a model the decoder did not check, or pixels
 * outside 0..255): the brain produced no valid output, rather than a "NaN%" answer. */
export class InvalidOutputError extends Error {
  constructor(modelName: string) {
    super(`This brain (${modelName.slice(0, 60)}) produced no valid output.`);
    this.name = 'InvalidOutputError';
  }
}
