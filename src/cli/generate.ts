// `loadtest-lens generate`: writes a deterministic, realistic sample result root.
import { EXIT } from './exit';
import { STDOUT, folderNotStdout, outputProblem } from './output';
import { parseCommandArgs, type FlagSpecs } from './args';
import { usageError } from './command';
import type { CliIo } from './io';
import { defaultOptions, validateOptions } from '../generate/options';
import type { Degradation, GenerateOptions, Generation, SecondChange } from '../generate/options';
import { planRoot } from '../generate/plan';
import { maxOf } from '../shared/arrays';
import {
  OutputExistsError,
  assertWritableRoot,
  isInside,
  writeRoot,
  writeTruth,
} from '../generate/writer';

export const GENERATE_HELP = `Usage: loadtest-lens generate --out DIR [options]

Writes a deterministic sample result root (stats/, logs/, dfs_final/, qoe/) in the layout the
analysis notebook reads. The same options and seed always give byte-identical files.
DIR must not exist or be empty: nothing is ever written over.

Options:
  --out DIR                  result root to create (required)
  --seed S                   PRNG seed, any string (default "loadtest-lens")
  --format 2024|current      file formats of the 2024 tool (default) or the current (HEAD) tool
  --tests a,b,c              test names; server and topology come from the name
                             (kurento|mediasoup|pion, <P>p, optional <S>s), e.g.
                             loadtest-webrtc-2024-kurento-2p,loadtest-webrtc-2024-pion-8p;
                             "name:N" gives that test N sessions
  --sessions N               sessions per test (default: about 24 users per test)
  --base-date YYYY-MM-DD     day of the first test (default 2024-06-20 / 2026-07-01)
  --log-tz +HH:MM            controller local time offset (default +02:00)
  --duration S               seconds the test holds after the last user joined (default 60)
  --wait S                   SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS (default 5)
  --starting-participants N  users launched at once at the start (default: one session)
  --batch-size N             users per batch afterwards (default 4)
  --retry-times N            RETRY_TIMES (default 5)
  --no-retry                 RETRY_MODE=false: the first failure stops the test
  --failure-rate X           multiplier of the failure probabilities, 0 = none (default 1)
  --capacity-scale X         multiplier of the media node's capacity (default 1; lower = more CPU)
  --no-stats                 do not write stats.json files
  --stats-interval S         seconds between stats.json elements (default 2)
  --stats-poll S             seconds between getStats polls (default 1)
  --stats-sessions N         only the first N sessions of a test get stats.json
  --livekit-stats-peers N    LiveKit: repeat the shared subscriber PC's stats under at most
                             N remote peerIds (default: all, as webrtc-stats does)
  --cpu-interval S           seconds between media-node CPU samples (default 5)
  --cpu-gap-rate P           probability of an empty CPU/memory cell (default 0.004)
  --users-per-worker N       USERS_PER_WORKER (default 10)
  --no-qoe                   do not write QoE _cuts.json files
  --degrade-at users:N|cpu:C a candidate that degrades from N users connected (or CPU C, 0..1)
                             on: QoE and failures past that knee (see the next two options)
  --degrade-qoe S            VMAF (0..1) lost per user (or per 0.01 CPU) past the knee
                             (default 0.01; ViSQOL loses 0.6 of it)
  --degrade-failures F       failure probabilities × F past the knee (default 1)
  --degrade-step S           VMAF (0..1) lost at once past the knee: a change of level
                             (default 0; with --degrade-qoe 0 a pure step)
  --degrade-connection F     connection setup time (connectionStart → success) × F past the
                             knee (default 1)
  --degrade-second N|C       a second change point further up (users or CPU, as the knee)
  --degrade-second-qoe S     VMAF lost per unit of load past it, on top (default 0)
  --degrade-second-step S    VMAF lost at once past it (default 0; one of the two is needed)
  --truth FILE               also write the plan's ground truth as JSON (outside DIR)
  --sample                   the shipped demo sample's options (samples/README.md: three
                             tests, 3.6 MB); options after it override them
  --help                     this text
`;

/**
 * The options of the shipped demo sample (samples/demo, samples/README.md), which `--sample`
 * stands for: `npm run demo` regenerates the sample with them and the extension's "Open the
 * Sample" command writes the same root into its own storage.
 */
export const SAMPLE_ARGS: readonly string[] = [
  '--seed',
  'demo-2024',
  '--tests',
  'loadtest-webrtc-2024-kurento-2p:12,loadtest-webrtc-2024-mediasoup-3p-10s:2,loadtest-webrtc-2024-pion-8p:3',
  '--duration',
  '45',
  '--stats-interval',
  '25',
  '--stats-poll',
  '25',
  '--capacity-scale',
  '0.8',
  '--livekit-stats-peers',
  '2',
];

/** `--sample` replaced by the sample's options, in place (later flags win). */
function expandSample(argv: readonly string[]): string[] {
  return argv.flatMap(arg => (arg === '--sample' ? SAMPLE_ARGS : [arg]));
}

type Parsed = { options: GenerateOptions; out: string | null; truth: string | null; help: boolean };

const NUMBER_FLAGS: Record<string, (o: GenerateOptions, v: number) => void> = {
  '--sessions': (o, v) => (o.sessions = v),
  '--duration': (o, v) => (o.holdSeconds = v),
  '--wait': (o, v) => (o.secondsBetweenParticipants = v),
  '--starting-participants': (o, v) => (o.startingParticipants = v),
  '--batch-size': (o, v) => (o.batchSize = v),
  '--retry-times': (o, v) => (o.retryTimes = v),
  '--failure-rate': (o, v) => (o.failureRate = v),
  '--capacity-scale': (o, v) => (o.capacityScale = v),
  '--stats-interval': (o, v) => (o.statsInterval = v),
  '--stats-poll': (o, v) => (o.statsPoll = v),
  '--stats-sessions': (o, v) => (o.statsSessions = v),
  '--cpu-interval': (o, v) => (o.cpuInterval = v),
  '--cpu-gap-rate': (o, v) => (o.cpuGapRate = v),
  '--users-per-worker': (o, v) => (o.usersPerWorker = v),
  '--livekit-stats-peers': (o, v) => (o.livekitStatsPeers = v),
};

const BOOLEAN_FLAGS: Record<string, (o: GenerateOptions) => void> = {
  '--no-retry': o => (o.retryMode = false),
  '--no-stats': o => (o.stats = false),
  '--no-qoe': o => (o.qoe = false),
};

const TEXT_FLAGS = ['--out', '--truth', '--seed', '--format', '--tests', '--base-date', '--log-tz'];

/** Every flag of `generate` and whether it takes a value. */
function generateFlags(): FlagSpecs {
  const valued = [...TEXT_FLAGS, ...Object.keys(NUMBER_FLAGS), ...Object.keys(DEGRADE_FLAGS)];
  return {
    ...Object.fromEntries(valued.map(f => [f, 'string'])),
    ...Object.fromEntries(Object.keys(BOOLEAN_FLAGS).map(f => [f, 'boolean'])),
  };
}

/** Parses argv (`--flag value` or `--flag=value`); throws on unknown flags or bad values. */
export function parseGenerateArgs(given: string[]): Parsed {
  const argv = expandSample(given);
  const parsed0 = parseCommandArgs(argv, generateFlags());
  if (typeof parsed0 === 'string') throw new Error(parsed0);
  if (parsed0.positionals.length > 0)
    throw new Error(`unexpected argument "${parsed0.positionals[0]}"`);
  const help = argv.includes('--help') || argv.includes('-h');
  const args = parsed0.flags;
  const format = (args.find(([k]) => k === '--format')?.[1] ?? '2024') as Generation;
  if (format !== '2024' && format !== 'current')
    throw new Error('--format must be 2024 or current');
  const options = defaultOptions(format);
  const parsed: Parsed = { options, out: null, truth: null, help };
  for (const [key, value] of args) {
    if (key in BOOLEAN_FLAGS) BOOLEAN_FLAGS[key]?.(options);
    else if (value === undefined) throw new Error(`${key} needs a value`);
    else if (key in NUMBER_FLAGS) {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n))
        throw new Error(`${key} needs a number, got "${value}"`);
      NUMBER_FLAGS[key]?.(options, n);
    } else if (key === '--out') parsed.out = value;
    else if (key === '--truth') parsed.truth = value;
    else if (key === '--seed') options.seed = value;
    else if (key === '--format') continue;
    else if (key === '--tests') parseTests(options, value);
    else if (key === '--base-date') options.baseDate = value;
    else if (key === '--log-tz') options.logTz = value;
    else if (key in DEGRADE_FLAGS) DEGRADE_FLAGS[key]?.(options, value);
    else throw new Error(`unknown option ${key}`);
  }
  return parsed;
}

function degradation(o: GenerateOptions): Degradation {
  o.degradation ??= { on: 'users', at: NaN, qoeSlope: 0.01, failureFactor: 1 };
  return o.degradation;
}

function numberValue(key: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new Error(`${key} needs a number, got "${value}"`);
  return n;
}

const DEGRADE_FLAGS: Record<string, (o: GenerateOptions, v: string) => void> = {
  '--degrade-at': (o, v) => {
    const m = /^(users|cpu):(.+)$/.exec(v);
    if (!m) throw new Error(`--degrade-at needs users:N or cpu:C, got "${v}"`);
    const d = degradation(o);
    d.on = m[1] as Degradation['on'];
    d.at = numberValue('--degrade-at', m[2] as string);
  },
  '--degrade-qoe': (o, v) => (degradation(o).qoeSlope = numberValue('--degrade-qoe', v)),
  '--degrade-failures': (o, v) =>
    (degradation(o).failureFactor = numberValue('--degrade-failures', v)),
  '--degrade-step': (o, v) => (degradation(o).qoeStep = numberValue('--degrade-step', v)),
  '--degrade-connection': (o, v) =>
    (degradation(o).connectionFactor = numberValue('--degrade-connection', v)),
  '--degrade-second': (o, v) => (second(o).at = numberValue('--degrade-second', v)),
  '--degrade-second-qoe': (o, v) => (second(o).qoeSlope = numberValue('--degrade-second-qoe', v)),
  '--degrade-second-step': (o, v) => (second(o).qoeStep = numberValue('--degrade-second-step', v)),
};

function second(o: GenerateOptions): SecondChange {
  const d = degradation(o);
  d.second ??= { at: NaN, qoeSlope: 0, qoeStep: 0 };
  return d.second;
}

/** `a,b:12,c` → test names, with per-test session counts after a colon. */
function parseTests(options: GenerateOptions, value: string): void {
  options.tests = [];
  options.sessionsByTest = {};
  for (const item of value
    .split(',')
    .map(t => t.trim())
    .filter(t => t !== '')) {
    const [name, sessions, extra] = item.split(':');
    if (!name || extra !== undefined)
      throw new Error(`bad test "${item}" (use name or name:sessions)`);
    options.tests.push(name);
    if (sessions !== undefined) {
      const n = Number(sessions);
      if (sessions.trim() === '' || !Number.isFinite(n))
        throw new Error(`bad session count in "${item}"`);
      options.sessionsByTest[name] = n;
    }
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseGenerateArgs(argv);
  } catch (e) {
    return usageError('generate', GENERATE_HELP, (e as Error).message, io);
  }
  if (parsed.help) {
    io.stdout(GENERATE_HELP);
    return 0;
  }
  if (!parsed.out) return usageError('generate', GENERATE_HELP, '--out DIR is required', io);
  if (parsed.out === STDOUT)
    return usageError(
      'generate',
      GENERATE_HELP,
      folderNotStdout('generate writes a result root'),
      io,
    );
  const errors = validateOptions(parsed.options);
  if (errors.length > 0) {
    io.stderr(errors.map(e => `loadtest-lens generate: ${e}\n`).join(''));
    return 2;
  }
  const problem = await outputProblem(parsed.out, 'folder', []);
  if (problem) {
    io.stderr(`loadtest-lens generate: ${problem}\n`);
    return EXIT.badInput;
  }
  try {
    await assertWritableRoot(parsed.out);
    if (parsed.truth !== null && isInside(parsed.out, parsed.truth)) {
      throw new OutputExistsError(
        `the truth file ${parsed.truth} must be outside the root ${parsed.out}`,
      );
    }
  } catch (e) {
    io.stderr(`loadtest-lens generate: ${(e as Error).message}\n`);
    return 2;
  }
  const started = performance.now();
  const plan = planRoot(parsed.options);
  try {
    if (parsed.truth !== null) await writeTruth(plan, parsed.truth, parsed.out);
    const summary = await writeRoot(plan, parsed.out);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout(
      `Generated ${summary.tests} tests, ${summary.users} users, ${summary.files} files, ` +
        `${formatBytes(summary.bytes)} in ${seconds} s → ${parsed.out}\n` +
        plan.tests
          .map(t => {
            const failures = t.users.reduce(
              (n, u) => n + u.attempts.filter(a => a.failure).length,
              0,
            );
            const cpuMax = maxOf(t.cpu.cpu).toFixed(2);
            return `  ${t.spec.name}: ${t.sessions} sessions × ${t.usersPerSession} users, ${failures} failures, CPU max ${cpuMax}, ${t.qoe.length} QoE files\n`;
          })
          .join(''),
    );
    return 0;
  } catch (e) {
    // An output refused is a usage error; any other failure is internal (exit 3, main.ts).
    if (!(e instanceof OutputExistsError)) throw e;
    io.stderr(`loadtest-lens generate: ${e.message}\n`);
    return EXIT.badInput;
  }
}
