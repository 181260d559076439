// The frame of a sub-command that reads result roots: `--help`, usage errors (exit 2), and a
// file-parsing runner (worker pool when dist/worker.js is there) disposed after the run.
import type { TaskRunner } from '../core/pipeline/runner';
import type { CliIo } from './io';
import { EXIT } from './exit';
import { createRunner } from './runner';

/**
 * The options of a sub-command, or its exit code when there are none to run with: 0 after
 * `--help` (the help on stdout), `EXIT.badInput` when the arguments do not parse (why and the
 * usage line, on stderr).
 */
export function commandOptions<O extends object>(
  name: string,
  help: string,
  argv: readonly string[],
  io: CliIo,
  parse: (argv: readonly string[]) => O | string,
): O | number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(help + '\n');
    return 0;
  }
  const o = parse(argv);
  if (typeof o === 'string') return usageError(name, help, o, io);
  return o;
}

/**
 * A usage error, on one line: what is wrong (naming the flag), then the command's usage line;
 * exit 2.
 */
export function usageError(name: string, help: string, problem: string, io: CliIo): number {
  const usage = (help.split('\n')[0] ?? '').trim();
  io.stderr(
    `loadtest-lens ${name}: ${problem} — ${usage} ("loadtest-lens ${name} --help" lists the options)\n`,
  );
  return EXIT.badInput;
}

export async function runCommand<O extends object>(
  name: string,
  help: string,
  argv: readonly string[],
  io: CliIo,
  parse: (argv: readonly string[]) => O | string,
  run: (options: O, runner: TaskRunner) => Promise<number>,
): Promise<number> {
  const o = commandOptions(name, help, argv, io, parse);
  if (typeof o === 'number') return o;
  const runner = createRunner();
  try {
    return await run(o, runner);
  } finally {
    await runner.dispose();
  }
}

/** `a, b,,c` → ['a', 'b', 'c']; undefined stays undefined. */
export function commaList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map(t => t.trim())
    .filter(Boolean);
}
