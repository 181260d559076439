// `loadtest-lens` command line. Each sub-command lives in its own module; this file only dispatches.
import { analyzeCommand } from './analyze';
import { cacheCommand, flushCaches } from './cache';
import { compareCommand } from './compare';
import { generateCommand } from './generate';
import { generateRunCommand } from './generateRun';
import { reportCommand } from './report';
import { runCommandMain } from './run';
import { summaryCommand } from './summary';
import { EXIT } from './exit';
import type { CliIo } from './io';
import { terminalSafeIo } from './terminal';

import { VERSION } from './version';

export { VERSION };

const USAGE = `Usage: loadtest-lens <command> [options]
       loadtest-lens --version

Commands:
  generate --out DIR [--seed S] [...]   write a deterministic, realistic sample result root
  analyze <root> --out DIR [...]        every table of the analysis notebook, per test, + summary.json
  compare <baseline> <candidate> --out DIR [...]  verdicts, load knees and capacity → verdict.json
  compare <run>[#N] <run>[#N] [--json]  today's runs: platform-metric verdicts per test case
  report <root> --out report.html       one self-contained HTML report (charts, knees, capacity)
  summary <root> [--json]               list the tests of a result root with their headline figures
  run <folder> [--fail-on invalid]      today's runs (report-<ts>.html …): validity verdict first,
                                        true duration, steady window, geometry, sizing, links
  generate-today --out DIR [--trip …]   write a run of today's emulated mode (report, results,
                                        config, errors.json, platform metrics)
  cache [info|clear]                    the parse cache that makes re-reading a root fast

Run "loadtest-lens <command> --help" for the options of a command. run, compare and analyze take
--format text|json|markdown|github|sarif|junit (docs/ci.md); --out - writes on standard output.
Exit codes: 0 done, 1 the verdict asked for failed (compare: a regression; run --fail-on),
2 bad usage or input that cannot be analysed (nothing readable, a file that could not be read),
3 internal error.`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  analyze: analyzeCommand,
  cache: cacheCommand,
  compare: compareCommand,
  generate: generateCommand,
  'generate-today': generateRunCommand,
  report: reportCommand,
  run: runCommandMain,
  summary: summaryCommand,
};

/**
 * Runs a command; its exit code follows exit.ts. An exception no command turned into a message is
 * an internal error: exit 3, never 1 (which CI reads as a regression).
 */
export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT.done;
  }
  if (!name || name === '--help' || name === '-h') {
    io.stdout(USAGE + '\n');
    return name ? EXIT.done : EXIT.badInput;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`loadtest-lens: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    internalError(err, io);
    return EXIT.internal;
  } finally {
    await flushCaches();
  }
}

/** Says what failed inside (with the stack, for a bug report); never throws itself. */
export function internalError(err: unknown, io: CliIo): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  try {
    io.stderr(`loadtest-lens: internal error (exit ${EXIT.internal}):\n${text}\n`);
  } catch {
    process.stderr.write(`loadtest-lens: internal error: ${text}\n`);
  }
}
