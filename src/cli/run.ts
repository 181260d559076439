/**
 * `loadtest-lens run <folder>`: reads today's openvidu-loadtest results (report-<ts>.html,
 * results-<ts>.txt, config YAML, errors.json, Elasticsearch exports) and prints each scenario's
 * validity verdict first, then its true duration, steady window, geometry, headline figures,
 * fleet sizing and links. `--fail-on invalid|suspect` makes it exit 1 for CI.
 */
import { basename, resolve } from 'node:path';
import { parseZone, ZONE_SYNTAX, type Zone } from '../shared/zone';
import { listRuns, loadRun } from '../core/runs/run';
import { summarizeRun, type RunSummary } from '../core/runs/summary';
import { runText, comparisonText } from '../core/runs/text';
import { compareScenarios } from '../core/runs/compareScenarios';
import { compareRuns, type RunComparison, type RunSide } from '../core/runs/compareRuns';
import { runComparisonText } from '../core/runs/compareRunsText';
import { detectFolder } from '../core/source/resultRoot';
import { EXIT, findingText, readFailureExit } from './exit';
import { parseCommandArgs, textOf, type FlagSpecs } from './args';
import { formatHelp, formatOf, isCiFormat, isFormat, writeCi } from './formats';
import { runReport } from './formats/fromRun';
import type { OutputFormat } from './formats/model';
import { folderRefusal } from './inputs';
import type { CliIo } from './io';
import { commandOptions } from './command';

export const RUN_HELP = `Usage: loadtest-lens run <folder> [<folder> …] [options]

Reads a folder of today's openvidu-loadtest results — report-<ts>.html, results-<ts>.txt, the
YAML configuration, stats/<room>/<id>/errors.json and Elasticsearch exports (*.ndjson) — and
prints, for every scenario of every run, the validity verdict (valid, suspect, invalid, with its
evidence) first, then the true duration, the steady-state window, the room geometry, the headline
figures on the whole and the steady window, worker-fleet sizing and Kibana/Grafana links.

Options:
  --json                   print the summaries as JSON instead (schema loadtest-lens/run,
                           docs/schemas/run.schema.json); the same as --format json
${formatHelp(27)}
  --compare                with several runs: each run against the first, per matching test
                           case (topology, participants), every platform metric's steady-window
                           verdict with a block-bootstrap interval (as "compare" on run folders;
                           invalid test cases flagged). With one run: its test cases side by
                           side on their steady-window figures (invalid ones left out)
  --include-invalid        keep invalid scenarios in the one-run --compare table
  --fail-on invalid|suspect   exit 1 when a scenario is that bad or worse (default: never)
  --steady FROM:TO         steady window in seconds from each scenario's start (default: detected)
  --target-participants N  size the worker fleet for N participants
  --target-cpu P           worker CPU % to size for (default 80)
  --html-tz ZONE           the controller's zone, +HH:MM or an IANA name (Asia/Shanghai): the HTML
                           report's dates, and text-report dates whose zone abbreviation is
                           ambiguous (CST, IST…) or unknown. Wins over what the files say.
                           Default: the text report's zone when its abbreviation has one
                           meaning, else UTC (said in a note)
  --verbose                also list the notes found in the data`;

interface RunOptions {
  folders: string[];
  compare: boolean;
  includeInvalid: boolean;
  format: OutputFormat;
  failOn?: 'invalid' | 'suspect';
  steady?: { from: number; to: number };
  target?: number;
  targetCpu?: number;
  zone?: Zone;
  verbose: boolean;
}

const FLAGS: FlagSpecs = {
  '--json': 'boolean',
  '--format': 'string',
  '--verbose': 'boolean',
  '--compare': 'boolean',
  '--include-invalid': 'boolean',
  '--fail-on': 'string',
  '--steady': 'string',
  '--target-participants': 'string',
  '--target-cpu': 'string',
  '--html-tz': 'string',
};

function parse(argv: readonly string[]): RunOptions | string {
  const args = parseCommandArgs(argv, FLAGS);
  if (typeof args === 'string') return args;
  const { values } = args;
  const positional = args.positionals;
  const format = formatOf(args);
  if (!isFormat(format)) return format;
  if (positional.length === 0) return 'give a folder of results';
  const failOn = textOf(args, '--fail-on');
  if (failOn !== undefined && failOn !== 'invalid' && failOn !== 'suspect')
    return '--fail-on takes invalid or suspect';
  const steadyText = textOf(args, '--steady');
  const steadyMatch =
    steadyText === undefined ? undefined : /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(steadyText);
  if (
    steadyText !== undefined &&
    (!steadyMatch || Number(steadyMatch[2]) <= Number(steadyMatch[1]))
  )
    return '--steady takes FROM:TO seconds with TO > FROM';
  const num = (flag: string): number | undefined | string => {
    const v = textOf(args, flag);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? n : `${flag} takes a positive number`;
  };
  const target = num('--target-participants');
  const targetCpu = num('--target-cpu');
  if (typeof target === 'string') return target;
  if (typeof targetCpu === 'string') return targetCpu;
  const tz = textOf(args, '--html-tz');
  const zone = tz === undefined ? undefined : parseZone(tz);
  if (tz !== undefined && zone === undefined) return `--html-tz takes ${ZONE_SYNTAX}, not "${tz}"`;
  return {
    folders: positional.map(f => resolve(f)),
    compare: values.has('--compare'),
    includeInvalid: values.has('--include-invalid'),
    format,
    failOn,
    steady: steadyMatch ? { from: Number(steadyMatch[1]), to: Number(steadyMatch[2]) } : undefined,
    target,
    targetCpu,
    zone,
    verbose: values.has('--verbose'),
  };
}

/** `run --json`'s document: bump the version on any incompatible change (docs/schemas/run.schema.json). */
export const RUN_SCHEMA = 'loadtest-lens/run';
export const RUN_VERSION = 1;

const RANK = { valid: 0, suspect: 1, invalid: 2 } as const;

export async function runCommandMain(argv: string[], io: CliIo): Promise<number> {
  const o = commandOptions('run', RUN_HELP, argv, io, parse);
  if (typeof o === 'number') return o;
  const files = [];
  for (const folder of o.folders) {
    const runs = await listRuns(folder);
    if (runs.length === 0) {
      io.stderr(`loadtest-lens run: ${folderRefusal('run', await detectFolder(folder))}\n`);
      return EXIT.badInput;
    }
    files.push(...runs);
  }
  const summaries: RunSummary[] = [];
  const sides: RunSide[] = [];
  for (const f of files) {
    const run = await loadRun(f, { zone: o.zone });
    const summary = summarizeRun(run, {
      steady: o.steady,
      targetParticipants: o.target,
      targetWorkerCpu: o.targetCpu,
    });
    summaries.push(summary);
    sides.push({ run, summary });
    if (o.format === 'text')
      io.stdout(
        runText(
          summary,
          run.scenarios.map(s => s.windowStart),
        ),
      );
    const shown = summary.diagnostics.filter(d => o.verbose || d.severity !== 'info');
    for (const d of shown) io.stderr(`${d.severity}: ${findingText(d)}\n`);
  }
  // Several runs: statistics per matching test case; one run: its test cases (other loads) side by side.
  const runComparisons: RunComparison[] | undefined =
    o.compare && sides.length > 1 ? sides.slice(1).map(c => compareRuns(sides[0]!, c)) : undefined;
  const comparison =
    o.compare && !runComparisons
      ? compareScenarios(
          summaries.flatMap(r =>
            r.scenarios.map(summary => ({ run: `${basename(r.folder)}/${r.id}`, summary })),
          ),
          { includeInvalid: o.includeInvalid },
        )
      : undefined;
  if (o.format === 'json')
    io.stdout(
      JSON.stringify(
        { schema: RUN_SCHEMA, version: RUN_VERSION, runs: summaries, comparison, runComparisons },
        null,
        2,
      ) + '\n',
    );
  else if (isCiFormat(o.format))
    writeCi(io, o.format, runReport(summaries, runComparisons ?? [], o.failOn));
  else if (comparison) io.stdout(comparisonText(comparison));
  else for (const c of runComparisons ?? []) io.stdout(runComparisonText(c));
  const unread = readFailureExit(
    'run',
    summaries.flatMap(s => s.diagnostics),
    io,
  );
  if (unread !== undefined) return unread;
  const worst = Math.max(...summaries.map(s => RANK[s.verdict]));
  if (o.failOn && worst >= RANK[o.failOn]) {
    io.stderr(
      `loadtest-lens run: exiting with 1: a scenario is ${worst === 2 ? 'invalid' : 'suspect'} (--fail-on ${o.failOn})\n`,
    );
    return EXIT.verdictFailed;
  }
  return EXIT.done;
}
