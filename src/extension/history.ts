/**
 * The run history of a workspace, without `vscode` (unit-tested alone): the runs of both
 * generations — the tests of notebook-layout result roots and the runs of today's controller —
 * grouped by configuration and ordered by start time, and "the previous run" of a run (the
 * latest earlier run of its group). How runs are grouped is in docs/history.md:
 *
 * - a notebook test: its test name is its configuration (`test:<name>`); the name encodes the
 *   platform, topology and participants, and the 2024 tool has no other record of it per test;
 * - a run of today's tool: a hash of the keys that define the test in its YAML (every row under
 *   `testcases`, path and value), so two folders with the same test cases are one group wherever
 *   they sit; a run whose folder has no readable configuration is a group of its own folder.
 */
import { basename } from 'node:path';

/** One run of the history: a notebook test or a controller run. */
export type HistoryRun =
  | {
      readonly kind: 'test';
      /** The result root. */
      readonly root: string;
      readonly test: string;
      readonly group: string;
      /** Epoch ms of the start (the summary's), when known. */
      readonly start?: number;
    }
  | {
      readonly kind: 'run';
      /** The run folder. */
      readonly folder: string;
      /** The `<ts>` of report-<ts>.html. */
      readonly id: string;
      readonly group: string;
      readonly start?: number;
    };

/** A configuration's runs, oldest first. */
export interface HistoryGroup {
  readonly group: string;
  /** What the group is called in the Results view. */
  readonly label: string;
  readonly runs: readonly HistoryRun[];
}

/** The group of a notebook test: its name. */
export function testGroup(test: string): string {
  return `test:${test}`;
}

/** A configuration row: its dotted path (`testcases[0].participants[1]`) and value. */
export interface ConfigKeyRow {
  readonly path: string;
  readonly value: string;
}

/** FNV-1a (32 bits) of a text, as 8 hex digits: a short stable name for a configuration. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The group of a controller run: the hash of its configuration's `testcases` rows (order of the
 * file kept; other keys — hosts, credentials, timeouts — do not change what is tested), else
 * its folder when it has no configuration or no test case in it.
 */
export function runGroup(rows: readonly ConfigKeyRow[] | undefined, folder: string): string {
  const defining = (rows ?? []).filter(r => /^testcases(\[|\.|$)/.test(r.path));
  if (defining.length === 0) return `folder:${folder}`;
  return `config:${fnv1a(defining.map(r => `${r.path}=${r.value}`).join('\n'))}`;
}

/** `2025-03-01_10-20-30` (the controller's local time; ordering only) → epoch ms. */
export function runIdStart(id: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[_T](\d{2})-(\d{2})-(\d{2})/.exec(id);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Where a run is and what it is called: the identity of a history entry. */
export function runKey(run: HistoryRun | RunTarget): string {
  return run.kind === 'test'
    ? `test\u0000${run.root}\u0000${run.test}`
    : `run\u0000${run.folder}\u0000${run.id}`;
}

/** A run's name as the user reads it. */
export function runName(run: HistoryRun | RunTarget): string {
  return run.kind === 'test' ? run.test : `Run ${run.id}`;
}

/** The name of the folder a run is in: its result root, or its run folder. */
export function runFolderName(run: HistoryRun | RunTarget): string {
  return basename(run.kind === 'test' ? run.root : run.folder);
}

/** Where a run is, for a person: `<test> (<root folder>)` or `Run <id> (<folder>)`. */
export function runPlace(run: HistoryRun | RunTarget): string {
  return `${runName(run)} (${runFolderName(run)})`;
}

/** Older first; an unknown start sorts first; ties by place, then name (stable across scans). */
export function byStart(a: HistoryRun, b: HistoryRun): number {
  const sa = a.start ?? -Infinity;
  const sb = b.start ?? -Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  const ka = runKey(a);
  const kb = runKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function groupLabel(run: HistoryRun): string {
  if (run.kind === 'test') return run.test;
  return run.group.startsWith('config:')
    ? `config ${run.group.slice('config:'.length)}`
    : `runs of ${run.folder}`;
}

/**
 * The runs grouped by configuration, each group oldest first; groups ordered by their latest
 * run, most recent first (the configuration worked on now comes first).
 */
export function historyGroups(runs: readonly HistoryRun[]): HistoryGroup[] {
  const groups = new Map<string, HistoryRun[]>();
  for (const run of runs) {
    const list = groups.get(run.group) ?? [];
    list.push(run);
    groups.set(run.group, list);
  }
  const sorted = [...groups.entries()].map(([group, list]) => {
    const ordered = [...list].sort(byStart);
    return { group, label: groupLabel(ordered[0] as HistoryRun), runs: ordered };
  });
  return sorted.sort((a, b) => -byStart(a.runs.at(-1) as HistoryRun, b.runs.at(-1) as HistoryRun));
}

/** The same run in `runs` (by place and name), if listed. */
export function findRun(runs: readonly HistoryRun[], key: string): HistoryRun | undefined {
  return runs.find(r => runKey(r) === key);
}

/**
 * The previous run of `target`: the latest run of its group that sorts before it. Undefined for
 * the first run of a configuration, or a target that is not in `runs`.
 */
export function previousRun(
  runs: readonly HistoryRun[],
  target: HistoryRun | RunTarget,
): HistoryRun | undefined {
  const key = runKey(target);
  const entry = findRun(runs, key);
  if (!entry) return undefined;
  const group = runs.filter(r => r.group === entry.group).sort(byStart);
  const at = group.findIndex(r => runKey(r) === key);
  return at > 0 ? group[at - 1] : undefined;
}

/** Every other run, for "Compare with…": the same group first, then most recent first. */
export function otherRunsFor(
  runs: readonly HistoryRun[],
  target: HistoryRun | RunTarget,
): HistoryRun[] {
  const key = runKey(target);
  const group = findRun(runs, key)?.group;
  const rank = (r: HistoryRun): number => (r.group === group ? 0 : 1);
  return runs.filter(r => runKey(r) !== key).sort((a, b) => rank(a) - rank(b) || -byStart(a, b));
}

/**
 * The folder a run was found as: its result root (a notebook test) or itself (a controller run).
 * Found without reading any run, so the notifier can tell what is new cheaply.
 */
export function placeKey(run: HistoryRun | RunTarget): string {
  return run.kind === 'test' ? `root\u0000${run.root}` : runKey(run);
}

/** The runs of `now` whose place was not in `before` (see {@link placeKey}), oldest first. */
export function newRuns(before: ReadonlySet<string>, now: readonly HistoryRun[]): HistoryRun[] {
  return now.filter(r => !before.has(placeKey(r))).sort(byStart);
}

/** Where a run is, without its group: what a command is invoked on. */
export type RunTarget =
  | { readonly kind: 'test'; readonly root: string; readonly test: string }
  | { readonly kind: 'run'; readonly folder: string; readonly id: string };

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The run a history command was invoked on: a test or run node of the Results view (`test` is
 * then the test's summary, with its `name`), or `{ root, test }` / `{ folder, id }` from a view.
 */
export function runTargetOf(arg: unknown): RunTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, unknown>;
  const test = isText(a['test']) ? a['test'] : (a['test'] as { name?: unknown } | undefined)?.name;
  if (isText(a['root']) && isText(test) && (a['kind'] === undefined || a['kind'] === 'test'))
    return { kind: 'test', root: a['root'], test };
  if (
    isText(a['folder']) &&
    typeof a['id'] === 'string' &&
    (a['kind'] === undefined || a['kind'] === 'run')
  )
    return { kind: 'run', folder: a['folder'], id: a['id'] };
  return undefined;
}

/** What the new-run notification says of a run besides its name: its validity or counts. */
export interface RunFacts {
  /** `VALID`, `24 users, 2 failed`. */
  readonly summary: string;
  /** The numbers compared with the previous run, by name (`failed users`, `validity`). */
  readonly numbers: Readonly<Record<string, number | string>>;
}

/**
 * The notification of a new run. With the comparison's verdict (`verdict`, headlineText of
 * src/core/compare/headline.ts): `New run: <name> · <summary> · QoE VMAF −3.1 vs previous (no
 * detectable change) — previous: <name>: <what changed>`; without it: `New run: <name> ·
 * <summary> vs previous (<name>): <what changed>`, naming each number compared (`failed users
 * 0 → 2`); or `first run of this config`.
 */
export function newRunMessage(
  name: string,
  facts: RunFacts | undefined,
  previous?: { readonly name: string; readonly facts?: RunFacts; readonly verdict?: string },
): string {
  const head = `New run: ${name}${facts ? ` · ${facts.summary}` : ''}`;
  if (!previous) return `${head} · first run of this config`;
  const before = previous.facts?.numbers ?? {};
  const compared = Object.entries(facts?.numbers ?? {}).flatMap(([k, v]) =>
    k in before ? [`${k} ${before[k]} → ${v}`] : [],
  );
  const what = compared.length > 0 ? compared.join(', ') : 'nothing readable to compare';
  if (previous.verdict !== undefined)
    return `${head} · ${previous.verdict} — previous: ${previous.name}: ${what}`;
  return `${head} vs previous (${previous.name}): ${what}`;
}
