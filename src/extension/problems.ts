/**
 * The Problems panel while a result root is open in a view: every data finding on its file and
 * line, and every `failed N times` line of the controller log as a warning naming the user and
 * session, linked to that user's events.json. Cleared when the last view of the root closes;
 * refreshed whenever the root's summary is read again (e.g. after its files changed). An open
 * controller run publishes its findings and check evidence in the same collection.
 */
import * as vscode from 'vscode';
import type { RootSummary } from '../core/analysis/rootSummary';
import type { TestSummary } from '../core/analysis/testSummary';
import type { UserSummary } from '../core/model/session';
import type { Diagnostic } from '../core/model/diagnostic';
import type { SummaryStore } from './summaryStore';

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function lineRange(line: number | undefined): vscode.Range {
  const l = Math.max(0, (line ?? 1) - 1);
  return new vscode.Range(l, 0, l, Number.MAX_SAFE_INTEGER);
}

export function findingDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const where = d.jsonPath ? ` (at ${d.jsonPath})` : '';
  const out = new vscode.Diagnostic(lineRange(d.line), d.message + where, SEVERITY[d.severity]);
  out.source = 'Load Test Lens';
  out.code = d.code;
  return out;
}

function failureDiagnostics(test: TestSummary, user: UserSummary): vscode.Diagnostic[] {
  return user.failures.map(f => {
    const text = `${user.user} in ${user.session} failed (attempt ${f.attempts}) — ${test.name}`;
    const out = new vscode.Diagnostic(lineRange(f.line), text, vscode.DiagnosticSeverity.Warning);
    out.source = 'Load Test Lens';
    out.code = 'failure';
    if (user.eventsFile) {
      const location = new vscode.Location(
        vscode.Uri.file(user.eventsFile),
        new vscode.Position(0, 0),
      );
      out.relatedInformation = [
        new vscode.DiagnosticRelatedInformation(
          location,
          `events of ${user.user} in ${user.session}`,
        ),
      ];
    }
    return out;
  });
}

/** Diagnostics of a summary grouped by file path. */
export function problemsByFile(summary: RootSummary): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const add = (file: string, d: vscode.Diagnostic) =>
    byFile.set(file, [...(byFile.get(file) ?? []), d]);
  for (const d of summary.diagnostics) add(d.file, findingDiagnostic(d));
  for (const test of summary.tests) {
    for (const d of test.diagnostics) add(d.file, findingDiagnostic(d));
    const log = test.location.logFile;
    if (!log) continue;
    for (const user of test.sessions.flatMap(s => s.users)) {
      for (const d of failureDiagnostics(test, user)) add(log, d);
    }
  }
  return byFile;
}

export class ProblemsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('loadtestLens');
  private readonly views = new Map<string, number>();
  private readonly published = new Map<string, vscode.Uri[]>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: SummaryStore) {
    this.subscription = store.onDidLoad(summary => this.publish(summary));
  }

  /** A view of `root` opened: its problems are shown until the last view closes. */
  attach(root: string): void {
    const first = !this.views.has(root);
    this.views.set(root, (this.views.get(root) ?? 0) + 1);
    // A summary read before the view opened (e.g. by the tree) is published now.
    if (first)
      this.store.get(root).then(
        s => this.publish(s),
        () => undefined,
      );
  }

  detach(root: string): void {
    const left = (this.views.get(root) ?? 1) - 1;
    if (left > 0) {
      this.views.set(root, left);
      return;
    }
    this.views.delete(root);
    this.clearOwner(root);
  }

  private publish(summary: RootSummary): void {
    if (this.views.has(summary.root)) this.publishOwner(summary.root, problemsByFile(summary));
  }

  /**
   * Shows `byFile` on behalf of `owner` (a result root, or an open controller run), replacing what
   * that owner showed before.
   */
  publishOwner(owner: string, byFile: ReadonlyMap<string, vscode.Diagnostic[]>): void {
    this.clearOwner(owner);
    const uris: vscode.Uri[] = [];
    for (const [file, diagnostics] of byFile) {
      const uri = vscode.Uri.file(file);
      this.collection.set(uri, diagnostics);
      uris.push(uri);
    }
    this.published.set(owner, uris);
  }

  clearOwner(owner: string): void {
    for (const uri of this.published.get(owner) ?? []) this.collection.delete(uri);
    this.published.delete(owner);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

/**
 * A run of today's tool in the Problems panel: its data findings, and the evidence of every
 * check that made a test case invalid (error) or suspect (warning), on the file and line it cites.
 */
export function runProblemsByFile(
  findings: readonly Diagnostic[],
  scenarios: readonly RunScenarioProblems[],
): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const add = (file: string, d: vscode.Diagnostic) =>
    byFile.set(file, [...(byFile.get(file) ?? []), d]);
  for (const d of findings) add(d.file, findingDiagnostic(d));
  for (const s of scenarios) {
    for (const c of s.checks) {
      if (c.status !== 'invalid' && c.status !== 'suspect') continue;
      for (const e of c.evidence) {
        if (!e.file) continue;
        const severity =
          c.status === 'invalid'
            ? vscode.DiagnosticSeverity.Error
            : vscode.DiagnosticSeverity.Warning;
        const out = new vscode.Diagnostic(
          lineRange(e.line),
          `${s.label}: ${c.status} — ${c.title}: ${e.text}${e.index !== undefined ? ` (element ${e.index})` : ''}`,
          severity,
        );
        out.source = 'Load Test Lens';
        out.code = c.cls;
        add(e.file, out);
      }
    }
  }
  return byFile;
}

export interface RunScenarioProblems {
  readonly label: string;
  readonly checks: readonly {
    readonly cls: string;
    readonly title: string;
    readonly status: string;
    readonly evidence: readonly { text: string; file?: string; line?: number; index?: number }[];
  }[];
}
