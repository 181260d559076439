/**
 * The configuration differences shown beside a verdict: the controller log's start-up parameter
 * block (2024 runs: `-------- Load Test Parameters --------`, configBlock.ts) and its topology
 * lines (planned sessions, users per session), baseline against candidate. Secrets are redacted
 * as the block is read, so a changed secret shows as equal.
 */
import type { ConfigEntry } from '../ingest/configBlock';
import type { LogTopology } from '../ingest/controllerLog';
import type { ConfigDifference } from '../../shared/loadResults';

export type { ConfigDifference } from '../../shared/loadResults';

export const TOPOLOGY_SECTION = 'topology (log)';

/** The topology lines as entries of their own section. */
function topologyEntries(
  t: LogTopology | undefined,
): Array<Pick<ConfigEntry, 'section' | 'key' | 'value'>> {
  if (!t) return [];
  return [
    {
      section: TOPOLOGY_SECTION,
      key: 'Sessions',
      value: t.sessions === null ? 'infinite' : String(t.sessions),
    },
    ...(t.usersPerSession === null
      ? []
      : [
          { section: TOPOLOGY_SECTION, key: 'Users per session', value: String(t.usersPerSession) },
        ]),
  ];
}

type Entry = Pick<ConfigEntry, 'section' | 'key' | 'value'>;

function byKey(entries: readonly Entry[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const e of entries) {
    const k = `${e.section}\u0000${e.key}`;
    if (!out.has(k)) out.set(k, e);
  }
  return out;
}

/** The parameter block's entries, then the topology lines as entries of their own section. */
export function logParameters(log: {
  readonly config: readonly Entry[];
  readonly topology?: LogTopology;
}): Entry[] {
  return [...log.config, ...topologyEntries(log.topology)];
}

/** Every parameter whose value differs or that only one side has, in the baseline's order. */
export function configDiff(
  baseline: { readonly config: readonly Entry[]; readonly topology?: LogTopology },
  candidate: { readonly config: readonly Entry[]; readonly topology?: LogTopology },
): ConfigDifference[] {
  const b = byKey(logParameters(baseline));
  const c = byKey(logParameters(candidate));
  const out: ConfigDifference[] = [];
  for (const [k, e] of b) {
    const other = c.get(k);
    if (other?.value !== e.value)
      out.push({
        section: e.section,
        key: e.key,
        baseline: e.value,
        candidate: other?.value ?? null,
      });
  }
  for (const [k, e] of c)
    if (!b.has(k)) out.push({ section: e.section, key: e.key, baseline: null, candidate: e.value });
  return out;
}

/** "section › key: baseline → candidate" (absent: "—"). */
export function configDiffText(d: ConfigDifference): string {
  const v = (x: string | null): string => (x === null ? '—' : x === '' ? '(set)' : x);
  return `${d.section ? `${d.section} › ` : ''}${d.key}: ${v(d.baseline)} → ${v(d.candidate)}`;
}
