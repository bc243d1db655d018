/** The only error decodeDataInscription throws. `path` is the JSON path at fault ('' = the whole document). */
export class DataInscriptionError extends Error {
  constructor(readonly path: string, problem: string) {
    super(path ? path + ': ' + problem : problem);
    this.name = 'DataInscriptionError';
  }
}
