// `perceptrons serve`: the ord-compatible preview server (tools/server/server.ts) on loopback until Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildLibrary, DEFAULT_LIB_OUT } from '../build/lib';
import { DEFAULT_BIRTH_HEIGHT, repoRoot } from '../build/inscription';
import { startServer, type ServerOptions } from '../server/server';
import { defineCommand, intOption, numberOption, parseCommand, runCommand, UsageError, type Values } from '../args';

export const command = defineCommand({
  name: 'serve',
  summary: 'preview the art, its brains and a collection on an ord-compatible local server (simulated chain)',
  synopsis: '[options]',
  options: {
    port: { type: 'string', arg: 'N', help: 'port (0 = any free port)', default: '8080' },
    host: { type: 'string', arg: 'ADDR', help: 'interface to listen on (default 127.0.0.1)' },
    height: { type: 'string', arg: 'N', help: 'simulated tip height (default: birth height + 2016)' },
    'birth-height': { type: 'string', arg: 'N', help: `the art's birth height (default: read from the built art, else ${DEFAULT_BIRTH_HEIGHT})` },
    fee: { type: 'string', arg: 'SAT/VB', help: 'average fee rate of the latest blocks (default 10)' },
    'blocks-per-second': { type: 'string', arg: 'N', help: 'start the chain advancing at N blocks a second ("play"; default speed 10, paused)' },
    compress: { type: 'boolean', help: 'store inscriptions brotli-compressed as `ord wallet inscribe --compress` does\n(served with Content-Encoding: br; 406 to clients that do not accept br)' },
    collection: { type: 'string', arg: 'DIR', bare: 'dist/collection', help: 'serve a collection made by perceptrons collection: its parent, art, brains and tokens (delegates with metadata)' },
    html: { type: 'string', arg: 'FILE', help: 'the art inscription (default inscription.html)' },
    brains: { type: 'string', arg: 'DIR', help: 'brains to serve (default fixtures/brains)' },
    inscriptions: { type: 'string', arg: 'DIR', help: 'also serve every file in DIR as an inscription (ID = sha256 + i0, content type\nfrom the extension as ord infers it, under ord\'s CSP): preview a derivative piece before inscribing it' },
    upgrades: { type: 'string', arg: 'DIR', help: 'serve the upgrade batch files in DIR (perceptrons upgrade) as children inscribed at the starting tip\n(default with --collection: its upgrades/ folder)' },
    lib: { type: 'string', arg: 'FILE', help: `the library inscription to serve (default: built from src/lib.ts into ${DEFAULT_LIB_OUT} at start)` },
  },
});

/** The server's options from the command line; throws UsageError naming a bad flag or value. */
export function parseServeArgs(args: string[]): ServerOptions {
  const parsed = parseCommand(command, args);
  if (parsed === 'help') throw new UsageError('--help is not an option of the server');
  return serverOptions(parsed.values);
}

function serverOptions(v: Values<typeof command>): ServerOptions {
  const count = (flag: 'port' | 'height' | 'birth-height') => intOption(v[flag], flag, 0);
  const o: ServerOptions = {
    port: count('port'), host: v.host, height: count('height'), birthHeight: count('birth-height'),
    fee: numberOption(v.fee, 'fee', 0, true), compress: v.compress, collectionDir: v.collection, html: v.html, brainsDir: v.brains,
    inscriptionsDir: v.inscriptions, upgradesDir: v.upgrades, libFile: v.lib,
  };
  if (v['blocks-per-second'] !== undefined) {
    o.blocksPerSecond = numberOption(v['blocks-per-second'], 'blocks-per-second');
    o.playing = true;
  }
  return o;
}

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (v) => {
    const opts = serverOptions(v);
    return serve(opts.libFile ? opts : { ...opts, libFile: await freshLibrary() });
  });
}

/** Builds the library from the current sources for the server to serve beside the art; its path. */
async function freshLibrary(): Promise<string> {
  const root = repoRoot(), lib = await buildLibrary(root), out = resolve(root, DEFAULT_LIB_OUT);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, lib.bytes);
  return out;
}

async function serve(opts: ServerOptions): Promise<number> {
  let server;
  try {
    server = await startServer(opts);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${opts.port ?? 8080} is in use (try --port 0 for any free port)` : err.message;
    console.error(`perceptrons serve: ${why}`);
    return 1;
  }
  console.log('Ctrl-C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}
