/**
 * Results on the controller's configuration (issue 22 item 1): a CodeLens above each test case
 * of a configuration file (today's YAML, 2024's test_cases.json) — "Last run: VALID · 16/16
 * participants · 2 h ago", Open, Compare with previous — a hover on each key (the value each
 * recent run used, what it observed) and a highlight of the keys that differ between the last two
 * runs of a case. 2024's application.properties gets the hover and the highlight (its keys as
 * the log's start-up block printed them). Which runs match a file is decided in
 * src/core/compare/configLens.ts (by content: docs/history.md); the runs are the history's.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import {
  caseAtKey,
  differingKeys,
  keyHover,
  lensTitle,
  readConfigFile,
  readProperties,
  runsOfCase,
  type CaseRun,
  type ConfigCase,
  type ConfigFile,
  type ConfigKey,
  type RecordedRun,
} from '../core/compare/configLens';
import { runKey, type HistoryRun } from './history';
import type { SummaryStore } from './summaryStore';
import { collectHistory, recordedRun } from './workspaceRuns';

const PROPERTIES = 'application.properties';

/** The files that may be a controller configuration (the content decides: readConfigFile). */
export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.{yaml,yml}' },
  { scheme: 'file', pattern: '**/test_cases.json' },
  { scheme: 'file', pattern: `**/${PROPERTIES}` },
];

interface Known {
  readonly runs: readonly RecordedRun[];
  readonly byKey: ReadonlyMap<string, HistoryRun>;
}

/** A 2024 run (a notebook test): what application.properties is about. */
const isNotebook = (known: Known, r: RecordedRun): boolean =>
  known.byKey.get(r.key)?.kind === 'test';

/** A document's configuration: its keys and cases (none for application.properties). */
interface Parsed {
  readonly file?: ConfigFile;
  readonly keys: readonly ConfigKey[];
  /** application.properties: the test_cases.json beside it, whose runs its keys are about. */
  readonly testCases?: ConfigFile;
}

/** The test_cases.json in the folder of `properties`, if it reads as one. */
async function siblingTestCases(properties: string): Promise<ConfigFile | undefined> {
  const file = join(dirname(properties), 'test_cases.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : readConfigFile(text, file);
}

async function parse(document: vscode.TextDocument): Promise<Parsed | undefined> {
  const path = document.uri.fsPath;
  if (basename(path) === PROPERTIES)
    return { keys: readProperties(document.getText()), testCases: await siblingTestCases(path) };
  const file = readConfigFile(document.getText(), path);
  return file && { file, keys: file.keys };
}

export class ConfigLens implements vscode.CodeLensProvider, vscode.HoverProvider {
  private known: Promise<Known> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.modifiedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });

  constructor(private readonly store: SummaryStore) {}

  /** Runs were added or changed: read them again on the next lens. */
  refresh(): void {
    this.known = undefined;
    this.changed.fire();
  }

  private runs(): Promise<Known> {
    this.known ??= (async () => {
      const history = await collectHistory(this.store);
      const read = await Promise.all(history.map(r => recordedRun(this.store, r)));
      return {
        runs: read.filter((r): r is RecordedRun => r !== undefined),
        byKey: new Map(history.map(r => [runKey(r), r])),
      };
    })();
    return this.known;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const parsed = await parse(document);
    if (!parsed?.file) {
      if (parsed) void this.decorate(document, parsed);
      return [];
    }
    const known = await this.runs();
    const now = Date.now();
    const lenses = parsed.file.cases.flatMap(c => this.caseLenses(known, c, now));
    void this.decorate(document, parsed);
    return lenses;
  }

  private caseLenses(known: Known, c: ConfigCase, now: number): vscode.CodeLens[] {
    const range = new vscode.Range(c.line - 1, 0, c.line - 1, 0);
    const hits = runsOfCase(c, known.runs);
    const last = hits.at(-1);
    const previous = hits.at(-2);
    const target = (hit: CaseRun): HistoryRun | undefined => known.byKey.get(hit.run.key);
    const lenses = [
      new vscode.CodeLens(range, {
        title: lensTitle(c, hits, now),
        command: '',
        tooltip: last
          ? vscode.l10n.t(
              'Test case {0}, participants {1}: {2} run(s) in the workspace match it (docs/history.md)',
              c.testcase + 1,
              c.config.participants,
              hits.length,
            )
          : vscode.l10n.t(
              'No result folder in the workspace recorded this test case (matched by content: topology, participants, sessions)',
            ),
      }),
    ];
    if (last && target(last))
      lenses.push(
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Open'),
          command: 'loadtestLens.openHistoryRun',
          arguments: [target(last)],
        }),
      );
    if (last && previous && target(last) && target(previous))
      lenses.push(
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Compare with previous'),
          command: 'loadtestLens.compareRuns',
          arguments: [target(previous), target(last)],
        }),
      );
    return lenses;
  }

  /**
   * The runs a key is about, oldest first: its case's; a top-level key's, every run of the file's
   * cases; an application.properties key's, the runs of the test_cases.json beside it, else every
   * 2024 run.
   */
  private hitsOf(known: Known, parsed: Parsed, key: ConfigKey): CaseRun[] {
    const c = parsed.file && caseAtKey(parsed.file, key.path);
    if (c) return runsOfCase(c, known.runs);
    const seen = new Map<string, CaseRun>();
    for (const cc of (parsed.file ?? parsed.testCases)?.cases ?? [])
      for (const hit of runsOfCase(cc, known.runs)) seen.set(hit.run.key, hit);
    if (!parsed.file && !parsed.testCases)
      for (const run of known.runs.filter(r => isNotebook(known, r)))
        seen.set(run.key, { run, case: run.cases[0] ?? {} });
    return [...seen.values()].sort(
      (a, b) => (a.run.start ?? -Infinity) - (b.run.start ?? -Infinity),
    );
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const parsed = await parse(document);
    const key = parsed?.keys.find(k => k.line === position.line + 1);
    if (!parsed || !key) return undefined;
    const known = await this.runs();
    const c = parsed.file && caseAtKey(parsed.file, key.path);
    const hits = this.hitsOf(known, parsed, key);
    const lines = keyHover(key, c, hits, Date.now());
    const [previous, last] = hits.slice(-2);
    if (previous && last && differingKeys(c, previous, last).has(key.path))
      lines.push(
        '',
        vscode.l10n.t(
          '**Differs between the last two runs** ({0} → {1})',
          previous.run.name,
          last.run.name,
        ),
      );
    return new vscode.Hover(new vscode.MarkdownString(lines.join('\n')));
  }

  /** Highlights the keys that differ between the last two runs of each case (or of the file). */
  private async decorate(document: vscode.TextDocument, parsed: Parsed): Promise<void> {
    const known = await this.runs();
    const differing = new Set<string>();
    const groups = parsed.file
      ? parsed.file.cases.map(c => ({ c, hits: runsOfCase(c, known.runs) }))
      : [{ c: undefined, hits: this.hitsOf(known, parsed, { path: '', value: '', line: 0 }) }];
    for (const { c, hits } of groups) {
      const [previous, last] = hits.slice(-2);
      if (previous && last) for (const k of differingKeys(c, previous, last)) differing.add(k);
    }
    const lines = parsed.keys.filter(k => differing.has(k.path)).map(k => k.line - 1);
    for (const editor of vscode.window.visibleTextEditors)
      if (editor.document === document)
        editor.setDecorations(
          this.highlight,
          lines.map(l => ({
            range: new vscode.Range(l, 0, l, 0),
            hoverMessage: vscode.l10n.t('Differs between the last two runs of this config'),
          })),
        );
  }

  dispose(): void {
    this.changed.dispose();
    this.highlight.dispose();
  }
}

/** The provider registered on the configuration files, the open command and the refreshes. */
export function registerConfigLens(store: SummaryStore): {
  readonly lens: ConfigLens;
  readonly disposables: vscode.Disposable[];
} {
  const lens = new ConfigLens(store);
  const disposables = [
    lens,
    vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, lens),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, lens),
    store.onDidChange(() => lens.refresh()),
    vscode.commands.registerCommand('loadtestLens.openHistoryRun', async (run: HistoryRun) => {
      if (run?.kind === 'test')
        await vscode.commands.executeCommand('loadtestLens.openTest', run.root, run.test);
      else if (run?.kind === 'run')
        await vscode.commands.executeCommand('loadtestLens.openRun', run.folder);
    }),
  ];
  return { lens, disposables };
}
