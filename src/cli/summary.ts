/** `loadtest-lens summary <root> [--json] [--tz auto|+02:00]`: the tests of a root with their headline figures. */
import { resolve } from 'node:path';
import { summarizeRoot } from '../core/analysis/rootSummary';
import { zoneOptionError } from '../core/ingest/timezone';
import { diagnosticVM, testRow } from '../core/viewmodel/overview';
import { countOrUnknown, formatDuration, plural } from '../shared/format';
import { connectedKnown, type TestRowVM } from '../shared/views/overview';
import { EXIT, readFailureExit } from './exit';
import { checkInputFolders, rootTestsOf } from './inputs';
import type { CliIo } from './io';
import { cacheOption } from './cache';
import { createRunner } from './runner';
import { parseCommandArgs, textOf, type FlagSpecs } from './args';
import { commandOptions, usageError } from './command';

const HELP = `Usage: loadtest-lens summary <root> [--json] [--verbose] [--tz auto|+HH:MM|Area/City]

Lists each test of a result root (--json: as JSON, schema loadtest-lens/summary,
docs/schemas/summary.schema.json): platform, users, sessions, connected users, failures and
duration, then every error and warning found in the data (file:line: message; --verbose adds
the notes). --tz sets the controller log's time zone, an offset or an IANA name (Europe/Madrid:
DST-correct for each line) (default: written in the log, else inferred from the events).`;

const FLAGS: FlagSpecs = { '--json': 'boolean', '--verbose': 'boolean', '--tz': 'string' };

/** Where the counts come from, when not all from stats/, and the log generation recognised. */
function sourcesLine(r: TestRowVM): string {
  const parts: string[] = [];
  const s = r.sources;
  if (s && (s.users !== 'stats' || s.sessions !== 'stats' || s.connected !== 'stats'))
    parts.push(
      `counted from: users ${s.users}, sessions ${s.sessions}, connected ${s.connected === 'none' ? 'unknown' : s.connected}, failures ${s.failures}`,
    );
  if (r.logGeneration) parts.push(`controller log generation ${r.logGeneration}`);
  return parts.length > 0 ? `    ${parts.join(' · ')}\n` : '';
}

/** `summary --json`'s document: bump the version on any incompatible change (docs/schemas/summary.schema.json). */
export const SUMMARY_JSON_SCHEMA = 'loadtest-lens/summary';
export const SUMMARY_JSON_VERSION = 1;

interface SummaryOptions {
  readonly root: string;
  readonly tz: string;
  readonly json: boolean;
  readonly verbose: boolean;
}

function parse(argv: readonly string[]): SummaryOptions | string {
  const args = parseCommandArgs(argv, FLAGS);
  if (typeof args === 'string') return args;
  if (args.positionals.length !== 1) return 'one result root is required';
  const tz = textOf(args, '--tz') ?? 'auto';
  const tzError = zoneOptionError('--tz', tz);
  if (tzError) return tzError;
  return {
    root: resolve(args.positionals[0]!),
    tz,
    json: args.values.has('--json'),
    verbose: args.values.has('--verbose'),
  };
}

export async function summaryCommand(argv: string[], io: CliIo): Promise<number> {
  const o = commandOptions('summary', HELP, argv, io, parse);
  if (typeof o === 'number') return o;
  const refused = await checkInputFolders('summary', [o.root], io);
  if (refused !== undefined) return refused;
  const target = await rootTestsOf('summary', { root: o.root }, io);
  if (typeof target === 'string') return usageError('summary', HELP, target, io);
  const root = target.root;
  const runner = createRunner();
  const summary = await summarizeRoot(root, {
    ...(target.tests ? { tests: target.tests } : {}),
    logTimezone: o.tz,
    runner,
    ...cacheOption(),
  }).finally(() => runner.dispose());
  const rows = summary.tests.map(testRow);
  const diagnostics = [
    ...summary.diagnostics.map(d => diagnosticVM(root, d)),
    ...summary.tests.flatMap(t => t.diagnostics.map(d => diagnosticVM(root, d, t.name))),
  ];
  if (o.json) {
    const doc = {
      schema: SUMMARY_JSON_SCHEMA,
      version: SUMMARY_JSON_VERSION,
      root,
      tests: rows,
      diagnostics,
    };
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else {
    io.stdout(`${root}\n`);
    for (const r of rows) {
      io.stdout(
        `  ${r.name}\n    ${r.platform}, ${plural(r.sessions, 'session')}, ${plural(r.users, 'user')} (${plural(r.publishers, 'publisher')}, ${plural(r.subscribers, 'subscriber')}), ` +
          `${countOrUnknown(r.connected, connectedKnown(r))} connected, ${plural(r.failures, 'failure line')} from ${plural(r.failedUsers, 'user')}, duration ${formatDuration(r.durationSeconds)}, log time zone ${r.timezone}\n` +
          sourcesLine(r),
      );
    }
    const shown = o.verbose ? diagnostics : diagnostics.filter(d => d.severity !== 'info');
    for (const d of shown)
      io.stderr(`${d.severity}: ${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}\n`);
    const hidden = diagnostics.length - shown.length;
    if (hidden > 0) io.stderr(`(${plural(hidden, 'note')} not shown; --verbose lists them)\n`);
  }
  const allFindings = [...summary.diagnostics, ...summary.tests.flatMap(t => t.diagnostics)];
  const unread = readFailureExit('summary', allFindings, io, !o.json);
  if (unread !== undefined) return unread;
  if (rows.length === 0) {
    io.stderr(`loadtest-lens summary: no test found in ${root}\n`);
    return EXIT.badInput;
  }
  return EXIT.done;
}
