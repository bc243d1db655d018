// `perceptrons serve`: the ord-compatible preview server (tools/server/server.ts) on loopback until Ctrl-C.
import { startServer, type ServerOptions } from '../server/server';

export const summary = 'preview on an ord-compatible local server: --port 8080 --height H --fee F --blocks-per-second N --compress --collection DIR';

export const USAGE = `usage: perceptrons serve [options]
  --port <n>               port on 127.0.0.1 (default 8080; 0 = any free port)
  --host <addr>            interface to listen on (default 127.0.0.1)
  --height <n>             simulated tip height (default: birth height + 2016)
  --birth-height <n>       the art's birth height (default: read from the built art, else 870000)
  --fee <sat/vB>           average fee rate of the latest blocks (default 10)
  --blocks-per-second <n>  start the chain advancing at n blocks a second ("play"; default speed 10, paused)
  --compress               store inscriptions brotli-compressed as \`ord wallet inscribe --compress\` does
                           (served with Content-Encoding: br; 406 to clients that do not accept br)
  --collection [dir]       serve a built collection: <dir>/art.html and <dir>/tokens/*.html (default dist/collection)
  --html <file>            the art inscription (default inscription.html)
  --brains <dir>           brains to serve (default fixtures/brains)`;

export function parseServeArgs(args: string[]): ServerOptions {
  const o: ServerOptions = {};
  const num = (flag: string, v: string, integer: boolean): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
      throw new Error(`${flag} "${v}" must be a non-negative ${integer ? 'integer' : 'number'}`);
    }
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const next = args[i + 1];
    const value = (): string => {
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--port': o.port = num(flag, value(), true); break;
      case '--host': o.host = value(); break;
      case '--height': o.height = num(flag, value(), true); break;
      case '--birth-height': o.birthHeight = num(flag, value(), true); break;
      case '--fee': o.fee = num(flag, value(), false); break;
      case '--blocks-per-second': {
        o.blocksPerSecond = num(flag, value(), false);
        if (o.blocksPerSecond === 0) throw new Error('--blocks-per-second must be above 0');
        o.playing = true;
        break;
      }
      case '--compress': o.compress = true; break;
      case '--collection':
        o.collectionDir = next !== undefined && !next.startsWith('--') ? value() : 'dist/collection';
        break;
      case '--html': o.html = value(); break;
      case '--brains': o.brainsDir = value(); break;
      default: throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return o;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let opts: ServerOptions;
  try {
    opts = parseServeArgs(args);
  } catch (e) {
    console.error(`perceptrons serve: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  let server;
  try {
    server = await startServer({ port: 8080, ...opts });
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
