/**
 * Two runs of the history compared, for both generations (issue 22 items 1–3): notebook tests in
 * the compare view (src/core/compare, compareTests), today's controller runs with the CLI's run
 * comparison (src/core/runs/compareRuns, its text in a read-only editor beside). The one-phrase
 * verdict of the new-run notification and the CodeLens comes from the same comparisons
 * (headlineText of src/core/compare/headline.ts): nothing is recomputed here.
 */
import * as vscode from 'vscode';
import { comparisonParts, DEFAULT_CONFIG } from '../core/compare';
import { headlineText } from '../core/compare/headline';
import { compareRuns, type RunComparison, type RunSide } from '../core/runs/compareRuns';
import { runComparisonText } from '../core/runs/compareRunsText';
import { summarizeRun } from '../core/runs/summary';
import type { RunTarget } from './history';
import type { SummaryStore } from './summaryStore';
import { compareView } from './views/compare';
import type { CommandEnv } from './views/commands';

/** A controller run read and summarised, as compareRuns takes it; undefined when unreadable. */
async function runSide(
  store: SummaryStore,
  target: Extract<RunTarget, { kind: 'run' }>,
): Promise<RunSide | undefined> {
  const run = await store.run(target.folder, target.id).catch(() => undefined);
  return run && { run, summary: summarizeRun(run) };
}

/** The comparison of two controller runs (the CLI's `compare <run> <run>`). */
async function runComparison(
  store: SummaryStore,
  baseline: Extract<RunTarget, { kind: 'run' }>,
  candidate: Extract<RunTarget, { kind: 'run' }>,
): Promise<RunComparison | undefined> {
  const [b, c] = await Promise.all([runSide(store, baseline), runSide(store, candidate)]);
  return b && c ? compareRuns(b, c) : undefined;
}

/**
 * Opens baseline → candidate: the compare view for two notebook tests, the run comparison's text
 * beside for two controller runs; says so for one of each (they measure different things).
 */
export async function openComparison(
  env: CommandEnv,
  baseline: RunTarget,
  candidate: RunTarget,
): Promise<void> {
  if (baseline.kind === 'test' && candidate.kind === 'test') {
    env.host.open(compareView, {
      tests: [
        { root: baseline.root, test: baseline.test },
        { root: candidate.root, test: candidate.test },
      ],
    });
    return;
  }
  if (baseline.kind === 'run' && candidate.kind === 'run') {
    const comparison = await runComparison(env.services.store, baseline, candidate);
    if (!comparison) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('One of the two runs could not be read.'),
      );
      return;
    }
    const document = await vscode.workspace.openTextDocument({
      content: runComparisonText(comparison),
      language: 'plaintext',
    });
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
    return;
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'A notebook-layout test and a run of today’s controller cannot be compared: pick two runs of the same kind.',
    ),
  );
}

/**
 * The comparison's verdict in one phrase (`QoE VMAF −3.1 vs previous (no detectable change)`),
 * or undefined when the two runs are not of one kind or cannot be read.
 */
export async function comparisonHeadline(
  store: SummaryStore,
  baseline: RunTarget,
  candidate: RunTarget,
): Promise<string | undefined> {
  if (baseline.kind === 'run' && candidate.kind === 'run') {
    const comparison = await runComparison(store, baseline, candidate);
    return comparison && headlineText(comparison.pairs.flatMap(p => p.verdicts));
  }
  if (baseline.kind !== 'test' || candidate.kind !== 'test') return undefined;
  const tests = await store
    .compareTests([
      { root: baseline.root, test: baseline.test },
      { root: candidate.root, test: candidate.test },
    ])
    .catch(() => []);
  const [b, c] = tests;
  if (!b || !c) return undefined;
  // The headline words the overall verdicts only: the knees (seconds of bootstrap) are not fitted.
  return headlineText(comparisonParts(b, c, DEFAULT_CONFIG).overall);
}
