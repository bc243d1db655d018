// `npm run build`: bundles src/ into inscription.html and prints the size report. Its options: tools/commands/build.ts.
import { run as runBuild } from './tools/commands/build';

runBuild(process.argv.slice(2)).then((code) => process.exit(code));
