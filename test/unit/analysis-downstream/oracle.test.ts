// The notebook's own code for cells 16+ (test/oracle/notebook_downstream.py, Debian's pandas 1.5.3 /
// scipy 1.10.1) against `analyze --profile notebook`, on the same connection_stats.csv.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/analyze';
import type { AnalyzeSummary } from '../../../src/core/report/summary';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, '../../oracle/notebook_downstream.py');
const ROOT = join(__dirname, '../../../samples/demo');
const INSTALL =
  `${PYTHON} cannot import pandas/scipy, so the notebook oracle cannot run. Install Debian's packages ` +
  '(pandas 1.5.3, scipy 1.10.1) as root: `apt-get update && apt-get install -y python3-pandas python3-scipy python3-orjson`.';

/** Tolerance for a cell: statistics 1e-9, p-values 1e-6 (relative); Shapiro see docs/statistics.md. */
function tolerance(column: string): { rel: number; abs: number } {
  if (column.startsWith('Shapiro')) return { rel: 1e-4, abs: 1e-6 }; // scipy 1.10's float32 swilk
  if (/p-value|pvalue|significance_level/.test(column)) return { rel: 1e-6, abs: 1e-20 };
  return { rel: 1e-9, abs: 1e-12 };
}

function sameValue(column: string, ours: unknown, theirs: unknown): boolean {
  if (typeof theirs === 'string' && typeof ours === 'string') {
    if (ours === theirs) return true;
    if (ours === '' || theirs === '') return false;
    return sameValue(column, Number(ours), Number(theirs));
  }
  if (typeof theirs === 'number' && typeof ours === 'number') {
    const { rel, abs } = tolerance(column);
    return Math.abs(ours - theirs) <= rel * Math.max(Math.abs(ours), Math.abs(theirs)) + abs;
  }
  if (Array.isArray(theirs) && Array.isArray(ours))
    return theirs.length === ours.length && theirs.every((t, i) => sameValue(column, ours[i], t));
  if (theirs && typeof theirs === 'object' && ours && typeof ours === 'object')
    return Object.entries(theirs).every(([k, v]) =>
      sameValue(`${column} ${k}`, (ours as Record<string, unknown>)[k], v),
    );
  return ours === theirs;
}

function compareCsv(ours: string, theirs: string, where: string): string[] {
  const a = Papa.parse<string[]>(ours.trimEnd()).data;
  const b = Papa.parse<string[]>(theirs.trimEnd()).data;
  const out: string[] = [];
  if (JSON.stringify(a[0]) !== JSON.stringify(b[0]))
    return [`${where}: header ours ${JSON.stringify(a[0])} notebook ${JSON.stringify(b[0])}`];
  if (a.length !== b.length) out.push(`${where}: ${a.length - 1} rows, notebook ${b.length - 1}`);
  const header = b[0] ?? [];
  for (let r = 1; r < Math.min(a.length, b.length); r++)
    header.forEach((h, c) => {
      const x = a[r]?.[c] ?? '';
      const y = b[r]?.[c] ?? '';
      if (!sameValue(h, x, y)) out.push(`${where} row ${r} ${h}: ours ${x}, notebook ${y}`);
    });
  return out;
}

function compareJson(ours: string, theirs: string, where: string): string[] {
  const a = JSON.parse(ours) as Record<string, unknown>[];
  const b = JSON.parse(theirs) as Record<string, unknown>[];
  if (a.length !== b.length) return [`${where}: ${a.length} cases, notebook ${b.length}`];
  const out: string[] = [];
  b.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const mine = (a[i] as Record<string, unknown>)[k];
      // NaN is null on both sides
      if (!sameValue(k, mine ?? null, v ?? null))
        out.push(
          `${where} case ${i} ${k}: ours ${JSON.stringify(mine)}, notebook ${JSON.stringify(v)}`,
        );
    }
  });
  return out;
}

describe('notebook oracle, cells 16+ (samples/demo)', () => {
  let dir = '';
  let summary: AnalyzeSummary;
  const errors: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    const check = spawnSync(PYTHON, ['-c', 'import pandas, scipy'], { encoding: 'utf8' });
    if (check.status !== 0)
      throw new Error(`${INSTALL}\n${check.stderr ?? check.error?.message ?? ''}`);
    dir = mkdtempSync(join(tmpdir(), 'downstream-oracle-'));
    const io = { stdout: () => undefined, stderr: () => undefined };
    const code = await analyzeCommand(
      [ROOT, '--out', join(dir, 'ours'), '--profile', 'notebook'],
      io,
    );
    expect(code).toBe(0);
    summary = JSON.parse(readFileSync(join(dir, 'ours', 'summary.json'), 'utf8')) as AnalyzeSummary;
    const r = spawnSync(
      PYTHON,
      [SCRIPT, join(dir, 'ours', 'connection_stats.csv'), join(dir, 'nb'), ROOT],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (r.status !== 0) throw new Error(`The notebook oracle failed:\n${r.stderr}`);
    for (const t of readdirSync(join(dir, 'nb')))
      errors[t] = JSON.parse(readFileSync(join(dir, 'nb', t, 'errors.json'), 'utf8')) as Record<
        string,
        string
      >;
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every table the notebook writes is ours, same rows, same numbers', () => {
    const problems: string[] = [];
    let compared = 0;
    for (const test of Object.keys(errors)) {
      for (const file of readdirSync(join(dir, 'nb', test))) {
        if (file === 'errors.json') continue;
        const theirs = readFileSync(join(dir, 'nb', test, file), 'utf8');
        const path = join(dir, 'ours', test, file);
        if (!existsSync(path)) {
          problems.push(`${test}/${file}: missing in ours`);
          continue;
        }
        const ours = readFileSync(path, 'utf8');
        compared++;
        problems.push(
          ...(file.endsWith('.json')
            ? compareJson(ours, theirs, `${test}/${file}`)
            : compareCsv(ours, theirs, `${test}/${file}`)),
        );
      }
    }
    expect(problems.slice(0, 30)).toEqual([]);
    expect(compared).toBeGreaterThan(60);
  });

  it('where the notebook raises, our notebook profile reports a notebook.* diagnostic for the section', () => {
    const missing: string[] = [];
    for (const [test, sections] of Object.entries(errors))
      for (const section of Object.keys(sections)) {
        // separate_stats (C6) is no comparison section: said among the test's findings.
        if (section === 'qos') {
          if (!summary.diagnostics.some(d => d.test === test && d.code === 'notebook.C6'))
            missing.push(`${test} qos: ${sections[section]}`);
          continue;
        }
        const s = summary.tests
          .find(t => t.name === test)
          ?.sections.find(x => x.section === section);
        if (!s?.diagnostics.some(d => d.code.startsWith('notebook.')))
          missing.push(`${test} ${section}: ${sections[section]}`);
      }
    expect(missing).toEqual([]);
  });

  it('sections are the notebook\'s: publishers/subscribers only for "0s" tests', () => {
    for (const t of summary.tests)
      expect(t.sections.some(s => s.section === 'connection_start_subscribers')).toBe(
        t.name.includes('0s'),
      );
  });
});
