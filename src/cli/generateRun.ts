// `loadtest-lens generate-today`: a deterministic run folder of today's openvidu-loadtest.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultRunOptions, writeControllerRun, type RunGenOptions } from '../generate/runs';
import { OutputExistsError, isInside } from '../generate/writer';
import { parseOffset } from '../core/ingest/timezone';
import { VALIDITY_CLASSES } from '../core/runs/validity';
import { type ValidityClass } from '../core/model/validity';
import { parseCommandArgs, type FlagSpecs } from './args';
import { commandOptions, commaList } from './command';
import { EXIT } from './exit';
import type { CliIo } from './io';
import { STDOUT, folderNotStdout, outputProblem } from './output';

export const GENERATE_TODAY_HELP = `Usage: loadtest-lens generate-today --out DIR [options]

Writes a run of today's openvidu-loadtest in the default "emulated" mode (lk load-test, no
per-user WebRTC stats): report-<ts>.html, results-<ts>.txt, config.yaml (with secrets),
logs/controller.log, stats/<room>/<id>/errors.json and the Elasticsearch exports
metrics/platform-metrics.ndjson and metrics/metricbeat.ndjson. DIR must not exist or be empty.

Options:
  --out DIR                run folder to create (required)
  --seed S                 PRNG seed (default "loadtest-lens-today")
  --scenarios a,b,c        participants of each scenario: "4" (N:N) or "2:6" (N:M) (default 4,8,16)
  --topology N:N|N:M       (default N:N)
  --sessions N             rooms per scenario (default 3)
  --engine pion|mediasoup  (default pion)
  --media-nodes N          media nodes, for the per-node split (default 2)
  --workers N              load-generator workers (default 3)
  --hold S                 seconds the full load is held (default 150)
  --zone ABBR+HH:MM        the controller's zone as Java prints it, e.g. CEST+02:00 (default UTC)
  --txt all|last|none      text report: every scenario, only the last (the tool's overwrite bug), none
  --no-metrics-export      no Elasticsearch exports: platform metrics only in the HTML report
  --cpu-factor F           media-node CPU above idle × F (a candidate's shift; default 1)
  --bitrate-factor F       media traffic in and out × F (default 1)
  --trip a,b               make the run fail these validity checks: ${VALIDITY_CLASSES.join(', ')}
  --truth FILE             also write the plan's ground truth as JSON (outside DIR)`;

const INT_FLAGS: Record<string, keyof RunGenOptions> = {
  '--sessions': 'sessions',
  '--media-nodes': 'mediaNodes',
  '--workers': 'workers',
  '--hold': 'holdSeconds',
};

type Parsed = { options: RunGenOptions; out: string; truth?: string };

function applyFlag(o: RunGenOptions, flag: string, value: string): string | undefined {
  if (flag in INT_FLAGS) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) return `${flag} takes a positive integer`;
    (o as unknown as Record<string, number>)[INT_FLAGS[flag]!] = n;
    return undefined;
  }
  switch (flag) {
    case '--cpu-factor':
    case '--bitrate-factor': {
      const f = Number(value);
      if (value.trim() === '' || !Number.isFinite(f) || f <= 0)
        return `${flag} takes a positive number`;
      o.factors = { ...o.factors, [flag === '--cpu-factor' ? 'cpu' : 'bitrate']: f };
      return undefined;
    }
    case '--seed':
      o.seed = value;
      return undefined;
    case '--scenarios': {
      const list = commaList(value) ?? [];
      if (list.length === 0 || list.some(p => !/^\d+(:\d+)?$/.test(p) || p.startsWith('0')))
        return '--scenarios takes participants like 4,8 or 2:6,3:12';
      o.scenarios = list;
      return undefined;
    }
    case '--topology':
      if (value !== 'N:N' && value !== 'N:M') return '--topology takes N:N or N:M';
      o.topology = value;
      return undefined;
    case '--engine':
      if (value !== 'pion' && value !== 'mediasoup') return '--engine takes pion or mediasoup';
      o.engine = value;
      return undefined;
    case '--txt':
      if (value !== 'all' && value !== 'last' && value !== 'none')
        return '--txt takes all, last or none';
      o.txt = value;
      return undefined;
    case '--zone': {
      const m = /^([A-Z]{1,5})([+-]\d{2}:?\d{2})?$/.exec(value);
      const offset = m?.[2] ? parseOffset(m[2]) : 0;
      if (!m || offset === undefined) return '--zone takes ABBR or ABBR+HH:MM, e.g. CEST+02:00';
      o.zone = { abbr: m[1]!, offsetMinutes: offset };
      return undefined;
    }
    case '--trip': {
      const list = commaList(value) ?? [];
      const bad = list.find(t => !VALIDITY_CLASSES.includes(t as ValidityClass));
      if (bad) return `unknown trip "${bad}"; one of ${VALIDITY_CLASSES.join(', ')}`;
      o.trips = list as ValidityClass[];
      return undefined;
    }
    default:
      return `unknown option ${flag}`;
  }
}

const VALUE_FLAGS = [
  ...Object.keys(INT_FLAGS),
  '--cpu-factor',
  '--bitrate-factor',
  '--seed',
  '--scenarios',
  '--topology',
  '--engine',
  '--txt',
  '--zone',
  '--trip',
  '--out',
  '--truth',
];

const FLAGS: FlagSpecs = {
  ...Object.fromEntries(VALUE_FLAGS.map(f => [f, 'string'])),
  '--no-metrics-export': 'boolean',
};

function parse(argv: readonly string[]): Parsed | string {
  const args = parseCommandArgs(argv, FLAGS);
  if (typeof args === 'string') return args;
  if (args.positionals.length > 0) return `unexpected argument "${args.positionals[0]}"`;
  const o = defaultRunOptions();
  let out: string | undefined;
  let truth: string | undefined;
  for (const [flag, value] of args.flags) {
    if (value === undefined) {
      o.metricsExport = false;
      continue;
    }
    if (flag === '--out') out = value;
    else if (flag === '--truth') truth = value;
    else {
      const error = applyFlag(o, flag, value);
      if (error) return error;
    }
  }
  if (!out) return '--out DIR is required';
  if (out === STDOUT) return folderNotStdout('generate-today writes a run folder');
  if (o.topology === 'N:M' && o.scenarios.some(p => !p.includes(':')))
    return 'N:M scenarios are P:S, e.g. 2:6';
  return { options: o, out: resolve(out), truth: truth ? resolve(truth) : undefined };
}

export async function generateRunCommand(argv: string[], io: CliIo): Promise<number> {
  const p = commandOptions('generate-today', GENERATE_TODAY_HELP, argv, io, parse);
  if (typeof p === 'number') return p;
  if (p.truth && isInside(p.out, p.truth)) {
    io.stderr('loadtest-lens generate-today: --truth must be outside --out\n');
    return EXIT.badInput;
  }
  const problem = await outputProblem(p.out, 'folder', []);
  if (problem) {
    io.stderr(`loadtest-lens generate-today: ${problem}\n`);
    return EXIT.badInput;
  }
  try {
    const { truth, files } = await writeControllerRun(p.options, p.out);
    if (p.truth) await writeFile(p.truth, JSON.stringify(truth, null, 2) + '\n', { flag: 'wx' });
    io.stdout(
      `${p.out}: run ${truth.runId}, ${truth.scenarios.length} scenarios, ${files} files${p.options.trips.length ? `, trips: ${p.options.trips.join(', ')}` : ''}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof OutputExistsError) {
      io.stderr(`loadtest-lens generate-today: ${err.message}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
}
