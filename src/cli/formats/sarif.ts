/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), what code-scanning tools upload (GitHub's
 * upload-sarif action). One rule per check kind (validity class, metric) and finding code; one
 * result per failing or suspect check (`error` / `warning`) and per finding (`error`, `warning`,
 * `note`), located at its file and line where known. Relative URIs are relative to `cwd`.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/model/diagnostic';
import { displayPath, notPassed, oneLine, type CiReport, type RenderOptions } from './model';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

interface Located {
  readonly rule: string;
  readonly level: Level;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

/** A relative path as a URI reference (each segment encoded), an absolute one as a file: URI. */
function artifactUri(file: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  return isAbsolute(shown)
    ? pathToFileURL(file).href
    : shown.split('/').map(encodeURIComponent).join('/');
}

function result(r: Located, ruleIndex: number, cwd: string): object {
  return {
    ruleId: r.rule,
    ruleIndex,
    level: r.level,
    message: { text: oneLine(r.message) || r.rule },
    ...(r.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(r.file, cwd) },
                ...(r.line && r.line > 0 ? { region: { startLine: r.line } } : {}),
              },
            },
          ],
        }
      : {}),
  };
}

/** Every result of the report, checks first, then the findings. */
function located(report: CiReport): { results: Located[]; names: Map<string, string> } {
  const names = new Map<string, string>();
  const results: Located[] = [];
  for (const c of notPassed(report)) {
    if (!names.has(c.rule)) names.set(c.rule, c.name);
    results.push({
      rule: c.rule,
      level: c.outcome === 'fail' ? 'error' : 'warning',
      message: `${c.suite}: ${c.name}: ${c.message}`,
      ...(c.file ? { file: c.file } : {}),
      ...(c.line ? { line: c.line } : {}),
    });
  }
  for (const d of report.findings) {
    const rule = d.code ?? `finding.${d.severity}`;
    if (!names.has(rule)) names.set(rule, rule);
    results.push({
      rule,
      level: LEVEL[d.severity],
      message: `${d.test ? `${d.test}: ` : ''}${d.message}`,
      ...(d.file ? { file: d.file } : {}),
      ...(d.line ? { line: d.line } : {}),
    });
  }
  return { results, names };
}

export function sarifLog(report: CiReport, o: RenderOptions): string {
  const { results, names } = located(report);
  const ids = [...names.keys()];
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'loadtest-lens',
            version: o.version,
            rules: ids.map(id => ({ id, shortDescription: { text: names.get(id) ?? id } })),
          },
        },
        invocations: [
          { executionSuccessful: true, commandLine: `loadtest-lens ${report.command}` },
        ],
        properties: { verdict: report.verdict.text, failed: report.verdict.failed },
        results: results.map(r => result(r, ids.indexOf(r.rule), o.cwd)),
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
