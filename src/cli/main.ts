// `loadtest-lens` command line. Each sub-command lives in its own module; this file only dispatches.
import { analyzeCommand } from './analyze';
import { compareCommand } from './compare';
import { generateCommand } from './generate';
import { generateTodayCommand } from './generateToday';
import { reportCommand } from './report';
import { runCommandMain } from './run';
import { summaryCommand } from './summary';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { resultKind } from '../core/source/resultRoot';
import type { CliIo } from './io';

const USAGE = `Usage: loadtest-lens <command> [options]

Commands:
  generate --out DIR [--seed S] [...]   write a deterministic, realistic sample result root
  analyze <root> --out DIR [...]        every table of the analysis notebook, per test, + summary.json
  compare <baseline> <candidate> --out DIR [...]  verdicts, load knees and capacity → verdict.json
  report <root> --out report.html       one self-contained HTML report (charts, knees, capacity)
  summary <root> [--json]               list the tests of a result root with their headline figures
  run <folder> [--fail-on invalid]      today's runs (report-<ts>.html …): validity verdict first,
                                        true duration, steady window, geometry, sizing, links
  generate-today --out DIR [--trip …]   write a run of today's emulated mode (report, results,
                                        config, errors.json, platform metrics)

Run "loadtest-lens <command> --help" for the options of a command.`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  analyze: analyzeCommand,
  compare: compareCommand,
  generate: generateCommand,
  'generate-today': generateTodayCommand,
  report: reportCommand,
  run: runCommandMain,
  summary: summaryCommand,
};

/** Commands that read notebook roots; a run folder of today's tool is pointed to `run` instead. */
const NOTEBOOK_COMMANDS = new Set(['summary', 'analyze', 'report', 'compare']);

async function runFolderGiven(args: readonly string[]): Promise<string | undefined> {
  for (const a of args.filter(x => !x.startsWith('-'))) {
    if (existsSync(a) && (await resultKind(resolve(a))) === 'run') return a;
  }
  return undefined;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`loadtest-lens: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  const run = NOTEBOOK_COMMANDS.has(name) ? await runFolderGiven(rest) : undefined;
  if (run) {
    io.stderr(
      `loadtest-lens ${name}: ${run} is a run of today's openvidu-loadtest (report-<ts>.html, results-<ts>.txt), not a notebook result root; read it with:\n  loadtest-lens run ${run}\n`,
    );
    return 2;
  }
  return command(rest, io);
}
