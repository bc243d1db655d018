// CPU time of a process tree from /proc (Linux): user + system seconds of every live descendant of a process. A browser
// is many processes (browser, renderers, GPU/viz, utility); CPU-seconds of all of them are what a page costs the
// machine, and are far less sensitive to other load on a shared machine than wall-clock frame times.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the project runs on

/** pid → [parent pid, user + system ticks] for every readable process. */
function table(): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // the command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), [Number(f[1]), Number(f[11]) + Number(f[12])]); // ppid, utime, stime
    } catch {} // the process ended while we read
  }
  return out;
}

/** Per live descendant of `root` (not root itself): its CPU seconds so far. */
export function descendantsCpu(root = process.pid): Map<number, number> {
  const t = table();
  const inTree = (pid: number): boolean => {
    for (let p = t.get(pid)?.[0]; p !== undefined && p > 1; p = t.get(p)?.[0]) if (p === root) return true;
    return false;
  };
  const out = new Map<number, number>();
  for (const [pid, [, ticks]] of t) if (inTree(pid)) out.set(pid, ticks / TICKS_PER_SECOND);
  return out;
}

/** CPU seconds the tree spent between two samples (a process born in between counts from zero). */
export function cpuBetween(a: Map<number, number>, b: Map<number, number>): number {
  let s = 0;
  for (const [pid, t] of b) s += t - (a.get(pid) ?? 0);
  return s;
}

/** The CPU of this process's descendants (a browser's processes) while `wait` runs, in % of one core. */
export async function cpuPercent(wait: () => Promise<unknown>): Promise<number> {
  const a = descendantsCpu(), t0 = Date.now();
  await wait();
  const b = descendantsCpu();
  return (100 * cpuBetween(a, b)) / ((Date.now() - t0) / 1000);
}
