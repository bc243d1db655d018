// The `perceptrons` command dispatcher: one file per subcommand under tools/commands/, each exporting
// `run(args: string[]): Promise<number>` (the exit code) and its options table `command` (tools/args.ts), whose
// summary is listed here.
const commands: Record<string, string> = {
  build: './commands/build.ts',
  serve: './commands/serve.ts',
  generate: './commands/generate.ts',
  dataset: './commands/dataset.ts',
  train: './commands/train.ts',
  pack: './commands/pack.ts',
  validate: './commands/validate.ts',
  classify: './commands/classify.ts',
  gallery: './commands/gallery.ts',
  collection: './commands/collection.ts',
  upgrade: './commands/upgrade.ts',
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log('usage: perceptrons <command> [options]    (perceptrons <command> --help for its options)\n\ncommands:');
    for (const [cmd, path] of Object.entries(commands)) {
      const mod = await import(path).catch(() => null);
      console.log(`  ${cmd.padEnd(10)} ${mod?.command?.summary ?? '(not available)'}`);
    }
    return name ? 0 : 1;
  }
  const path = commands[name];
  if (!path) {
    console.error(`perceptrons: unknown command "${name}" (try perceptrons --help)`);
    return 2;
  }
  const mod = await import(path);
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`perceptrons: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
