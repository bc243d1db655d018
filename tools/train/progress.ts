// A one-line progress bar on stderr (redrawn in place on a terminal; on a pipe only whole lines are written).
export function progressBar(label: string, fraction: number, detail: string, width = 30): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${detail}`;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): { update(line: string): void; done(line: string): void } {
  let last = 0;
  return {
    update(line) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      stream.write(`\r${line}\x1b[K`);
    },
    done(line) {
      stream.write(stream.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}
