// Rendering the PFP dataset into its directory with a progress bar on stderr: `perceptrons dataset`, and the trainers
// (`train`, `collection`) when the dataset they look for is not there yet. The same seed and sizes give the same bytes.
import { createProgress, progressBar } from '../train/progress';
import { generateDataset } from './generate';
import { writeDataset, type Manifest } from './store';

export interface DatasetRequest { seed: string; trainPerClass: number; testPerClass: number; workers: number }

export async function makePfpDataset(dir: string, o: DatasetRequest): Promise<Manifest> {
  const started = Date.now(), bar = createProgress();
  const data = await generateDataset(o.seed, o.trainPerClass, o.testPerClass, o.workers, (f) => bar.update(progressBar('rendering the PFP dataset', f, dir)));
  bar.done(progressBar('rendering the PFP dataset', 1, `${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`));
  return writeDataset(dir, data);
}
