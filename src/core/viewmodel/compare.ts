// View model of the comparison webview (src/shared/views/compare.ts), computed on the host: the
// webview only draws. The first test is the baseline; every other one is compared with it. The
// failure causes are the comparisons' own taxonomies, shaped as the failure-causes view's model.
import type {
  CompareSeriesVM,
  CompareViewVM,
  MetricComparisonVM,
} from '../../shared/views/compare';
import {
  comparisonParts,
  rowObservations,
  withLoads,
  testLoad,
  type Comparison,
  type Observation,
  type LoadConfig,
  type TestLoad,
  type TestRef,
} from '../compare/compare';
import { MAX_SCATTER_POINTS, cpuSeries, progression, strideIndices } from './report';
import type { CompareTest } from '../compare/source';
import { connectedTimeline, usersConnectedAt } from '../compare/timeline';
import type { CompareConfig } from '../compare/verdict';
import type { MetricVerdict } from '../model/change';
import { failureTaxonomy, type Taxonomy } from '../compare/taxonomy';
import { failureCausesVM } from './failureCauses';
import { configDiffText } from '../compare/configDiff';
import { crossRunText } from '../compare/crossRun';
import { progressText } from '../compare/progress';

function seriesOf(t: CompareTest, lt: TestLoad): CompareSeriesVM {
  const tl = connectedTimeline(t.rows);
  const obs = rowObservations(t.rows, tl);
  const users = progression(t);
  const cpu = cpuSeries(t);
  const vmafKeep = strideIndices(obs.vmaf.length, MAX_SCATTER_POINTS).map(
    i => obs.vmaf[i] as Observation,
  );
  return {
    label: `${t.name} (${t.root.split(/[\\/]/).pop() ?? t.root})`,
    root: t.root,
    test: t.name,
    users: { t: users.t, users: users.users },
    cpu: { t: cpu.t, users: cpu.t.map(x => usersConnectedAt(tl, x)), cpu: cpu.cpu },
    vmaf: {
      t: vmafKeep.map(o => o.time),
      users: vmafKeep.map(o => o.users),
      vmaf: vmafKeep.map(o => o.value),
    },
    connection: {
      t: obs.connectionTime.map(o => o.time),
      users: obs.connectionTime.map(o => o.users),
      seconds: obs.connectionTime.map(o => o.value),
    },
    knee: lt.knees.find(k => k.metric === 'vmaf' && k.load === 'users')?.knee ?? null,
    capacity: capacityText(lt),
  };
}

/** The absolute capacity statement, then the one against the test's light-load VMAF. */
function capacityText(lt: TestLoad): string | null {
  const parts = [lt.capacity?.statement, lt.relativeCapacity?.statement].filter(
    (x): x is string => !!x,
  );
  return parts.length ? parts.join('; ') : null;
}

const sig = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** The effect of a verdict row as text: Cliff's δ, else the rate difference in points. */
export function effectText(v: MetricVerdict): string {
  if (v.cliffsDelta) {
    const d = v.cliffsDelta;
    return `δ ${sig(d.estimate)} [${sig(d.low)}, ${sig(d.high)}]`;
  }
  if (v.rateDifference) {
    const r = v.rateDifference;
    const pts = (x: number): string => (100 * x).toFixed(1);
    return `${r.estimate >= 0 ? '+' : ''}${pts(r.estimate)} pts [${pts(r.low)}, ${pts(r.high)}]`;
  }
  return '—';
}

function comparisonOf(c: Comparison, label: (r: TestRef) => string): MetricComparisonVM {
  return {
    baseline: label(c.baseline),
    candidate: label(c.candidate),
    rows: c.overall.map(v => ({
      metric: v.label,
      unit: v.unit,
      verdict: v.verdict,
      baseline: v.baseline,
      candidate: v.candidate,
      effect: effectText(v),
      pAdjusted: v.pAdjusted,
      test: v.test,
    })),
    warnings: c.comparability.map(w => ({
      message: w.message,
      baseline: w.baseline,
      candidate: w.candidate,
    })),
    progress: {
      baseline: progressText(c.progress.baseline),
      candidate: progressText(c.progress.candidate),
    },
    configDiff: c.configDiff.map(configDiffText),
    crossRun: [
      { what: 'Failing users (session/user)', set: c.crossRun.users },
      { what: 'Failure causes', set: c.crossRun.causes },
    ].map(({ what, set }) => ({
      what,
      text: crossRunText(set),
      onlyCandidate: set.onlyCandidate.slice(0, 20),
    })),
  };
}

/**
 * `loads`: each test's knees and capacities in the order of `tests`, when fitted elsewhere (the
 * extension fits them on its workers, src/core/pipeline/testLoads.ts); fitted here otherwise.
 * Each test's are fitted once, the baseline's too, however many candidates there are.
 */
export function compareViewVM(
  tests: readonly CompareTest[],
  config: CompareConfig,
  load: LoadConfig,
  loads: readonly TestLoad[] = tests.map(t => testLoad(t, config, load)),
): CompareViewVM {
  const [baseline, ...candidates] = tests;
  if (!baseline) return { series: [], comparisons: [], failures: failureCausesVM([]) };
  const loadOf = (i: number): TestLoad => loads[i] as TestLoad;
  const done = candidates.map((c, i) =>
    withLoads(comparisonParts(baseline, c, config), {
      baseline: loadOf(0),
      candidate: loadOf(i + 1),
    }),
  );
  const series = tests.map((t, i) => seriesOf(t, loadOf(i)));
  const labelOf = (r: TestRef): string =>
    series.find(s => s.root === r.root && s.test === r.test)?.label ?? r.test;
  // and classified both tests' failures
  const taxonomies = [
    done[0]?.failures.baseline ?? failureTaxonomy(baseline),
    ...done.map(c => c.failures.candidate),
  ];
  const failures = failureCausesVM(
    series.map((s, i) => ({ label: s.label, taxonomy: taxonomies[i] as Taxonomy })),
  );
  return { series, comparisons: done.map(c => comparisonOf(c, labelOf)), failures };
}
