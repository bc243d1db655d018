// The page's script has two lives. In the page it is the art (main.ts, which imports this module first); run again as
// a Worker from its own text (measure.ts makes that worker) it is the measuring worker, and must stop here, before the
// page's code, which needs a document: it stops by throwing an error that its own error handler then swallows. One copy
// of the engine and the image code serves both (a second bundle for the worker would cost about 2.5 KB brotli, and
// importing the page's code lazily instead 1.6 KB).
import { serveMeasurements } from './measure-worker';
import { setWorkerSource } from './measure';

if (typeof document === 'undefined') {
  serveMeasurements();
  const stop = new Error('The measuring worker is ready.');
  addEventListener('error', (e) => {
    if (e.error === stop) e.preventDefault();
  });
  throw stop;
}
setWorkerSource(document.currentScript?.textContent ?? ''); // read now: currentScript is set only while the script runs
