/**
 * Scenarios of one or several runs side by side on their steady-window figures, each against the
 * first one kept (the baseline). Invalid scenarios are left out unless asked for: their figures
 * describe the set-up or the generator, not the platform.
 */
import type { ScenarioSummary } from './summary';

export const COMPARED_METRICS = [
  'participants',
  'quality_score',
  'packet_loss',
  'rtt_p95',
  'jitter_p95',
  'cpu medianode',
  'bandwidth_out',
] as const;

export interface ComparedCell {
  readonly value?: number;
  /** value − baseline value. */
  readonly delta?: number;
  readonly unit: string;
}

export interface ComparedRow {
  readonly run: string;
  readonly scenario: string;
  readonly verdict: ScenarioSummary['validity']['verdict'];
  readonly baseline: boolean;
  readonly cells: Readonly<Record<string, ComparedCell>>;
}

export interface ScenarioComparison {
  readonly rows: readonly ComparedRow[];
  readonly excluded: readonly {
    readonly run: string;
    readonly scenario: string;
    readonly reason: string;
  }[];
}

function figure(s: ScenarioSummary, name: string): { value?: number; unit: string } {
  const h = s.headlines.find(x => x.name === name);
  if (!h) return { unit: '' };
  // Participants: the peak load; the rest: the steady-window mean (whole window when none).
  const value = name === 'participants' ? h.whole.max : (h.steady?.mean ?? h.whole.mean);
  return { value, unit: h.unit };
}

export function compareScenarios(
  scenarios: readonly { run: string; summary: ScenarioSummary }[],
  options: { includeInvalid?: boolean } = {},
): ScenarioComparison {
  const kept = scenarios.filter(
    s => options.includeInvalid || s.summary.validity.verdict !== 'invalid',
  );
  const excluded = scenarios
    .filter(s => !kept.includes(s))
    .map(s => ({
      run: s.run,
      scenario: s.summary.label,
      reason: s.summary.validity.checks
        .filter(c => c.status === 'invalid')
        .map(c => c.title)
        .join('; '),
    }));
  const base = kept[0]?.summary;
  const rows = kept.map((s, i) => {
    const cells: Record<string, ComparedCell> = {};
    for (const name of COMPARED_METRICS) {
      const f = figure(s.summary, name);
      const b = base ? figure(base, name).value : undefined;
      cells[name] = {
        ...f,
        delta: f.value !== undefined && b !== undefined && i > 0 ? f.value - b : undefined,
      };
    }
    return {
      run: s.run,
      scenario: s.summary.label,
      verdict: s.summary.validity.verdict,
      baseline: i === 0,
      cells,
    };
  });
  return { rows, excluded };
}
