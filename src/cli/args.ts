/**
 * The one argument parser of every `loadtest-lens` command: node:util `parseArgs`, strict, so an
 * unknown or misspelt flag is an error (exit 2 through command.ts), never silently ignored.
 * `--flag value` and `--flag=value` both work; `-` is an ordinary value (standard output for
 * `--out`, see output.ts). A problem is returned as the sentence the user reads.
 */
import { parseArgs } from 'node:util';

/** Flag names as typed (`--out`) and whether they take a value. */
export type FlagSpecs = Readonly<Record<`--${string}`, 'string' | 'boolean'>>;

export interface ParsedArgs {
  /** The last value of each flag given: its text, or true for a flag without value. */
  readonly values: ReadonlyMap<string, string | true>;
  /** Every flag in the order given, a repeated one each time (the generators apply them in order). */
  readonly flags: readonly (readonly [flag: string, value: string | undefined])[];
  readonly positionals: readonly string[];
}

/** `--help` / `-h` is every command's. */
const HELP = { help: { type: 'boolean', short: 'h', multiple: true } } as const;

/** Parses `argv` against `specs`; a string is the usage error to print. */
export function parseCommandArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs | string {
  const options = Object.fromEntries(
    Object.entries(specs).map(([flag, type]) => [flag.slice(2), { type, multiple: true }]),
  );
  let tokens;
  try {
    ({ tokens } = parseArgs({
      args: joinNegativeValues(argv, specs),
      options: { ...options, ...HELP },
      strict: true,
      allowPositionals: true,
      tokens: true,
    }));
  } catch (e) {
    return argsProblem(e);
  }
  const flags: [string, string | undefined][] = [];
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    else if (t.kind === 'option' && t.name !== 'help') flags.push([`--${t.name}`, t.value]);
  }
  return { values: new Map(flags.map(([f, v]) => [f, v ?? true])), flags, positionals };
}

/**
 * `--seed -5` → `--seed=-5`: parseArgs takes a value starting with `-` only after `=`, but a
 * negative number after a flag that takes a value is that value (and then checked by the command).
 */
function joinNegativeValues(argv: readonly string[], specs: FlagSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (specs[a as `--${string}`] === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** parseArgs' error in the CLI's words, naming the flag. */
function argsProblem(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const code = (e as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return message;
  if (/argument missing/.test(message)) return `${flag} needs a value`;
  if (/ambiguous/.test(message))
    return `${flag}: a value starting with "-" is written ${flag}=VALUE`;
  if (/does not take an argument/.test(message)) return `${flag} takes no value`;
  return message.split('\n')[0] ?? message;
}

/** The text value of a flag (undefined when absent; a boolean flag has none). */
export function textOf(args: ParsedArgs, flag: string): string | undefined {
  const v = args.values.get(flag);
  return typeof v === 'string' ? v : undefined;
}
