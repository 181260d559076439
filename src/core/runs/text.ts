/**
 * A run summary as plain text, verdict first (the CLI's output; also handy in logs and CI).
 * Files are shown relative to the run folder.
 */
import { relative } from 'node:path';
import { formatDelta, formatDuration, formatWithUnit } from '../../shared/format';
import type { Headline } from './analysis';
import type { ScenarioComparison } from './compareScenarios';
import type { RunSummary, ScenarioSummary } from './summary';
import type { CheckStatus, Evidence } from '../model/validity';
import { maxOf } from '../../shared/arrays';

const MARK: Record<CheckStatus, string> = {
  pass: '✓ pass   ',
  suspect: '! suspect',
  invalid: '✗ invalid',
  skipped: '– skipped',
};

function where(folder: string, e: Evidence): string {
  if (!e.file) return '';
  const file = relative(folder, e.file) || e.file;
  return `${file}${e.line !== undefined ? `:${e.line}` : ''}${e.index !== undefined ? ` [${e.index}]` : ''}: `;
}

function clock(origin: number | undefined, t: number): string {
  return origin === undefined ? new Date(t).toISOString() : formatDuration((t - origin) / 1000);
}

/** Rows padded to their columns' widths, the head first. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((_, i) => Math.max(head[i]!.length, maxOf(rows.map(r => r[i]!.length))));
  return [head, ...rows].map(r =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

function headlineRows(list: readonly Headline[]): string[] {
  const rows = list.map(h => [
    h.name,
    formatWithUnit(h.whole.mean, h.unit),
    h.steady ? formatWithUnit(h.steady.mean, h.unit) : '—',
    formatWithUnit(h.whole.max, h.unit),
  ]);
  return table(['metric', 'mean (whole)', 'mean (steady)', 'max'], rows);
}

export function scenarioText(
  folder: string,
  s: ScenarioSummary,
  origin: number | undefined,
): string[] {
  const out: string[] = [];
  out.push(
    `  ${s.label}${s.browser ? ` (${s.browser})` : ''}: ${s.validity.verdict.toUpperCase()}`,
  );
  if (s.roomLevel)
    out.push('    room-level run: the emulated mode writes no per-user WebRTC events or stats');
  for (const c of s.validity.checks) {
    out.push(`    ${MARK[c.status]}  ${c.title}: ${c.summary}`);
    for (const e of c.evidence.slice(0, 5))
      out.push(`                 ${where(folder, e)}${e.text}`);
    if (c.evidence.length > 5) out.push(`                 … ${c.evidence.length - 5} more`);
  }
  if (s.stop) out.push(`    stop reason: ${s.stop.text} [${s.stop.kind}] — ${s.stop.meaning}`);
  if (s.duration) {
    out.push(
      `    duration: ${formatDuration(s.duration.seconds)} from first join to last leave (${s.duration.lastLeaveFrom})${s.duration.reportedSeconds !== undefined ? `; the tool reports ${formatDuration(s.duration.reportedSeconds)} (padded window)` : ''}`,
    );
  }
  if (s.steady) {
    out.push(
      `    steady window: ${clock(origin, s.steady.start)} → ${clock(origin, s.steady.end)} (${s.steady.basis}; ramp-up ${formatDuration(s.steady.rampUpSeconds)}, cool-down ${formatDuration(s.steady.coolDownSeconds)})`,
    );
  } else {
    out.push('    steady window: none found (the participants curve never held its peak)');
  }
  const g = s.geometry;
  if (g.geometry) {
    const observed = g.rooms.map(r => r.observed).join(', ');
    out.push(
      `    rooms: ${g.roomsExpected ?? '∞'} × ${g.geometry.perRoom} participants expected${g.participantsExpected !== null ? ` (${g.participantsExpected})` : ''}; observed per room ${observed || '—'} (${g.observedFrom})`,
    );
  }
  if (s.headlines.length > 0) out.push(...headlineRows(s.headlines).map(r => `    ${r}`));
  if (s.sizing) {
    const z = s.sizing;
    out.push(
      `    fleet: ${z.participantsPerWorker.toFixed(1)} participants per worker at ${z.workerCpuMax.toFixed(1)} % max CPU → ${z.participantsPerWorkerAtTarget} per worker at ${z.targetCpu} %${z.workersNeeded !== undefined ? `; ${z.target} participants need ${z.workersNeeded} workers${z.minimumWorkersForRooms ? ` (emulated: one per room, ${z.minimumWorkersForRooms} rooms)` : ''}` : ''}`,
    );
  }
  if (s.links.kibanaTrue) out.push(`    Kibana, true window: ${s.links.kibanaTrue}`);
  else if (s.links.kibanaReported)
    out.push(`    Kibana (tool's window): ${s.links.kibanaReported}`);
  if (s.links.grafana) out.push(`    Grafana Explore, true window: ${s.links.grafana}`);
  return out;
}

export function runText(summary: RunSummary, origins: readonly (number | undefined)[]): string {
  const z = summary.htmlZone;
  const lines = [
    `${summary.folder} · run ${summary.id}: ${summary.verdict.toUpperCase()}`,
    `  Controller's zone: ${z.zone} (${z.from}: ${z.why})`,
  ];
  summary.scenarios.forEach((s, i) => lines.push(...scenarioText(summary.folder, s, origins[i])));
  return lines.join('\n') + '\n';
}

/** The scenarios side by side: value (Δ against the baseline) per metric. */
export function comparisonText(c: ScenarioComparison): string {
  const metrics = Object.keys(c.rows[0]?.cells ?? {});
  const head = ['run', 'scenario', 'verdict', ...metrics];
  const rows = c.rows.map(r => [
    r.run,
    `${r.scenario}${r.baseline ? ' (baseline)' : ''}`,
    r.verdict,
    ...metrics.map(m => {
      const cell = r.cells[m]!;
      if (cell.value === undefined) return '—';
      const delta = cell.delta === undefined ? '' : formatDelta(cell.delta, cell.unit);
      return `${formatWithUnit(cell.value, cell.unit)}${delta}`;
    }),
  ]);
  const lines = table(head, rows);
  lines.unshift('Scenarios compared (participants: peak; others: steady-window mean):');
  for (const e of c.excluded) lines.push(`left out (invalid): ${e.run} ${e.scenario}: ${e.reason}`);
  return lines.join('\n') + '\n';
}
