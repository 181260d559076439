// `loadtest-lens` command line. Each sub-command lives in its own module; this file only dispatches.
import { analyzeCommand } from './analyze';
import { compareCommand } from './compare';
import { generateCommand } from './generate';
import { generateTodayCommand } from './generateToday';
import { reportCommand } from './report';
import { runCommandMain } from './run';
import { summaryCommand } from './summary';
import type { CliIo } from './io';
import { processIo } from './io';

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
  return command(rest, io);
}

if (require.main === module) {
  main(process.argv.slice(2), processIo).then(
    code => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`loadtest-lens: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
