// `npm run build`: bundles src/ into inscription.html and prints the size report. See tools/build/cli.ts for flags.
import { runBuild } from './tools/build/cli';

runBuild(process.argv.slice(2)).then((code) => process.exit(code));
