/**
 * The Getting Started walkthrough's progress (package.json `contributes.walkthroughs`): each step
 * completes on the commands that do it (`onCommand:`) and on a context key set here when the user
 * did the same thing another way — a result root's overview, a test or run view, the compare view
 * opened (from a webview button, the notification or a CodeLens), or a failure line of a
 * controller log selected in the editor.
 */
import * as vscode from 'vscode';

/** Context keys of the steps (`onContext:` completion events). */
export const WALKTHROUGH_KEYS = {
  openedRoot: 'loadtestLens.walkthrough.openedRoot',
  openedRun: 'loadtestLens.walkthrough.openedRun',
  compared: 'loadtestLens.walkthrough.compared',
  foundFailure: 'loadtestLens.walkthrough.foundFailure',
} as const;

/** Webview view types (src/extension/views) → the step opening one completes. */
const VIEW_STEPS: ReadonlyArray<readonly [RegExp, keyof typeof WALKTHROUGH_KEYS]> = [
  [/loadtestLens\.overview$/, 'openedRoot'],
  [/loadtestLens\.(run|progression|timeSeries|statistics|participants)$/, 'openedRun'],
  [/loadtestLens\.compare$/, 'compared'],
];

/** The controller's failure line (FORMATS.md §2.2). */
const FAILURE_LINE = /Participant \S+ in session \S+ failed \d+ times/;

function done(step: keyof typeof WALKTHROUGH_KEYS): void {
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[step], true);
}

function viewTypeOf(tab: vscode.Tab): string | undefined {
  const input = tab.input;
  return input instanceof vscode.TabInputWebview || input instanceof vscode.TabInputCustom
    ? input.viewType
    : undefined;
}

/** Watches tabs and log selections; sets each step's key once it happened. */
export function trackWalkthrough(): vscode.Disposable[] {
  return [
    vscode.window.tabGroups.onDidChangeTabs(e => {
      for (const tab of e.opened) {
        const type = viewTypeOf(tab) ?? '';
        for (const [pattern, step] of VIEW_STEPS) if (pattern.test(type)) done(step);
      }
    }),
    vscode.window.onDidChangeTextEditorSelection(e => {
      const doc = e.textEditor.document;
      if (!/\.log$/i.test(doc.uri.fsPath)) return;
      const line = e.selections[0]?.active.line;
      if (line !== undefined && FAILURE_LINE.test(doc.lineAt(line).text)) done('foundFailure');
    }),
  ];
}
