// Page entry (bundled into inscription.html). The same script is also the measuring worker (worker-life.ts, first, stops
// there in a worker); in the page it builds and starts the page (page.ts) once the page is first seen.
import './worker-life';
import { whenFirstSeen } from './first-seen';
import { startPage } from './page';

whenFirstSeen(document.querySelector('canvas')!, startPage);
