/**
 * The status bar shows the headline of the test in the active Load Test Lens view (users
 * connected, users failed, peak media-node CPU); clicking it opens the Problems panel.
 */
import * as vscode from 'vscode';

export class StatusHeadline implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'loadtestLens.headline',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private owner: unknown;

  constructor() {
    this.item.name = 'Load Test Lens';
    this.item.command = 'workbench.actions.view.problems';
  }

  /** Shows `text` on behalf of `owner` (the view that is active). */
  show(owner: unknown, text: string, tooltip: string): void {
    this.owner = owner;
    this.item.text = `$(graph) ${text}`;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  /** Hides the item if `owner` is the one showing it. */
  hide(owner: unknown): void {
    if (this.owner !== owner) return;
    this.owner = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
