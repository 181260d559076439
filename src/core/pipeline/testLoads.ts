/**
 * Comparisons whose knees are fitted on a task runner's workers: each test's `testLoad` (the
 * bootstrap of model fits, most of a comparison's time) as a `testLoad` task, every test's at
 * once, while the calling thread computes the rest of each pair (`comparisonParts`).
 */
import {
  comparisonParts,
  withLoads,
  type Comparison,
  type ComparisonParts,
  type LoadConfig,
  type TestLoad,
} from '../compare/compare';
import type { CompareTest } from '../compare/source';
import type { CompareConfig } from '../compare/verdict';
import type { TaskRunner } from './runner';

/** The knees and capacities of every test, in order, fitted on the runner all at once. */
export function testLoadsOn(
  runner: TaskRunner,
  tests: readonly CompareTest[],
  config: CompareConfig,
  load: LoadConfig,
): Promise<TestLoad[]> {
  return Promise.all(tests.map(t => runner.run({ kind: 'testLoad', rows: t.rows, config, load })));
}

/**
 * `compareTests` of every pair, the same comparisons: the knees of each distinct test fitted once
 * on the runner while this thread computes the pairs' other parts.
 */
export async function comparePairsOn(
  runner: TaskRunner,
  pairs: readonly (readonly [CompareTest, CompareTest])[],
  config: CompareConfig,
  load: LoadConfig,
): Promise<Comparison[]> {
  const tests = [...new Set(pairs.flat())];
  const fitting = testLoadsOn(runner, tests, config, load);
  // Guarded until awaited below: a failure is reported there, not as an unhandled rejection.
  fitting.catch(() => undefined);
  const parts = pairs.map(([b, c]) => comparisonParts(b, c, config));
  const loads = await fitting;
  const of = (t: CompareTest): TestLoad => loads[tests.indexOf(t)] as TestLoad;
  return pairs.map(([b, c], i) =>
    withLoads(parts[i] as ComparisonParts, { baseline: of(b), candidate: of(c) }),
  );
}
