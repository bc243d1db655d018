// Every `perceptrons` command's options in one table: node:util parseArgs reads the command line from it and the
// usage text (--help) is written from it, so the two cannot disagree. A command answers --help with its usage and
// exit 0; a bad flag or value gets one line naming it, the usage synopsis, and exit 2.
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias (-m for --model). */
  short?: string;
  /** The value's placeholder in the usage (--out FILE). */
  arg?: string;
  /** What it does, one line (more lines are indented under it). */
  help: string;
  /** The value when the option is not given (shown in the usage). */
  default?: string;
  /** May be given more than once; the values come as a list. */
  multiple?: boolean;
  /** A string option that may be given without a value; then it has this one (serve --collection [DIR]). */
  bare?: string;
}

export interface CommandSpec {
  /** The subcommand: perceptrons <name>. */
  name: string;
  /** One line for `perceptrons --help`. */
  summary: string;
  /** What follows `perceptrons <name>` in the usage line, e.g. "--model FILE.json [--top N] IMAGE...". */
  synopsis: string;
  options: Record<string, OptionSpec>;
  /** Whether words that are not options are accepted (files, images); else they are a usage error. */
  positionals?: boolean;
  /** Lines after the options (examples, what the positionals are). */
  notes?: string;
}

type Value<O extends OptionSpec> = O['type'] extends 'boolean' ? boolean : O['multiple'] extends true ? string[] : string;
/** The parsed values: an option with a default always has one, the others may be missing. */
export type Values<S extends CommandSpec> = { [K in keyof S['options'] as S['options'][K] extends { default: string } ? K : never]: Value<S['options'][K]> } & {
  [K in keyof S['options'] as S['options'][K] extends { default: string } ? never : K]?: Value<S['options'][K]>;
};

/** A mistake on the command line; the command prints it with the synopsis and exits 2. */
export class UsageError extends Error {}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** The usage text: synopsis, summary and one row per option. */
export function usage(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const value = o.type === 'string' ? (o.bare ? ` [${o.arg ?? 'VALUE'}]` : ` ${o.arg ?? 'VALUE'}`) : '';
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${value}`;
    const help = o.default !== undefined ? `${o.help} (default ${o.default})` : o.help;
    return [flag, help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help.replace(/\n/g, '\n' + ' '.repeat(width + 2))}`);
  return [`usage: perceptrons ${spec.name} ${spec.synopsis}`, spec.summary, '', 'options:', ...lines, ...(spec.notes ? ['', spec.notes] : [])].join('\n');
}

/** Parses args by the table; 'help' when --help or -h is among them. Throws UsageError for anything it refuses. */
export function parseCommand<S extends CommandSpec>(spec: S, args: string[]): { values: Values<S>; positionals: string[] } | 'help' {
  const options: Record<string, OptionSpec> = { ...spec.options, help: HELP };
  if (args.includes('--help') || args.includes('-h')) return 'help';
  // a bare-able option given without a value (last, or followed by another option) takes its bare value
  const filled = args.flatMap((a, i) => {
    const o = a.startsWith('--') ? options[a.slice(2)] : undefined;
    const next = args[i + 1];
    return o?.bare !== undefined && (next === undefined || next.startsWith('-')) ? [a, o.bare] : [a];
  });
  let parsed;
  try {
    parsed = parseArgs({
      args: filled,
      options: Object.fromEntries(Object.entries(options).map(([k, { type, short, multiple, default: d }]) => {
        // node refuses keys present with an undefined value
        return [k, { type, ...(short && { short }), ...(multiple && { multiple }), ...(d !== undefined && { default: d }) }];
      })),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const error = e as Error & { code?: string };
    throw error.code?.startsWith('ERR_PARSE_ARGS') ? new UsageError(plain(error)) : error;
  }
  if (!spec.positionals && parsed.positionals.length) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  return { values: parsed.values as Values<S>, positionals: parsed.positionals };
}

/** node's parseArgs messages, shortened to the part a user needs. */
function plain(e: Error & { code?: string }): string {
  const option = /'(?:-\w, )?(-{1,2}[^' ,]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing|ambiguous/.test(e.message) ? `${option} needs a value (use ${option}=VALUE for one starting with -)` : `${option} takes no value`;
  }
  return e.message;
}

/** Runs a command: --help prints the usage (exit 0); a UsageError, from parsing or from the body, prints the message and
 * the synopsis (exit 2). Other errors go on to the dispatcher (exit 1). */
export async function runCommand<S extends CommandSpec>(
  spec: S,
  args: string[],
  body: (values: Values<S>, positionals: string[]) => Promise<number> | number,
): Promise<number> {
  try {
    const parsed = parseCommand(spec, args);
    if (parsed === 'help') {
      console.log(usage(spec));
      return 0;
    }
    return await body(parsed.values, parsed.positionals);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`perceptrons ${spec.name}: ${e.message}\nusage: perceptrons ${spec.name} ${spec.synopsis}\n(perceptrons ${spec.name} --help lists the options)`);
    return 2;
  }
}

/** An integer option's value within [min, max] (undefined when not given and without a default). */
export function intOption(value: string, flag: string, min?: number, max?: number): number;
export function intOption(value: string | undefined, flag: string, min?: number, max?: number): number | undefined;
export function intOption(value: string | undefined, flag: string, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${flag} must be an integer ${range}, got "${value}"`);
  }
  return n;
}

/** A number option's value: finite and above min (or at least min when inclusive). */
export function numberOption(value: string, flag: string, min?: number, inclusive?: boolean): number;
export function numberOption(value: string | undefined, flag: string, min?: number, inclusive?: boolean): number | undefined;
export function numberOption(value: string | undefined, flag: string, min = 0, inclusive = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (!inclusive && n === min)) {
    throw new UsageError(`--${flag} must be a number ${inclusive ? 'of at least' : 'above'} ${min}, got "${value}"`);
  }
  return n;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(value: string, flag: string, allowed: readonly T[]): T;
export function choiceOption<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined;
export function choiceOption<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || allowed.includes(value as T)) return value as T | undefined;
  throw new UsageError(`--${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, got "${value}"`);
}

/** A command's table, its literal types kept (so values.model is a string and values.json a boolean). */
export function defineCommand<const S extends CommandSpec>(spec: S): S {
  return spec;
}
