/**
 * `analyze` on a damaged root: its summary.json carries every finding `summary` shows (cut-off
 * and garbage events.json, a cut-off QoE file, an invalid optional batches.json), it prints the
 * counts; the same invalid batches.json does not block `report` or `compare`. And an output
 * folder left by an interrupted analyze is reused without touching files we did not write.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../../src/cli/main';
import { JOURNAL } from '../../../src/core/report/analyzeOutput';
import { collect } from './collect';

vi.mock('node:fs/promises', async importOriginal =>
  (await import('./failingFs')).withFailures(await importOriginal()),
);

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `ltl-analyze-${prefix}-`));

interface Printed {
  readonly severity: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

let root = '';

/** Cuts a file to its first `bytes` bytes. */
function cut(file: string, bytes: number): void {
  writeFileSync(file, readFileSync(file).subarray(0, bytes));
}

beforeAll(async () => {
  root = join(tmp('root'), 'root');
  const g = collect();
  expect(
    await main(['generate', '--out', root, '--tests', TEST, '--sessions', '2'], g.io),
    g.out.stderr,
  ).toBe(0);
  const session = join(root, 'stats', TEST, 'LoadTestSession1');
  cut(join(session, 'User1', 'events.json'), 300);
  writeFileSync(join(session, 'User2', 'events.json'), 'garbage{');
  const qoeDir = join(root, 'qoe', TEST);
  cut(join(qoeDir, readdirSync(qoeDir).sort()[0] as string), 100);
  writeFileSync(join(root, 'dfs_final', 'batches.json'), '{"a":');
}, 60_000);

describe('analyze on a damaged root', () => {
  it('summary.json carries every finding summary shows; the counts are printed', async () => {
    const s = collect();
    expect(await main(['summary', root, '--json'], s.io)).toBe(0);
    const shown = (JSON.parse(s.out.stdout) as { diagnostics: Printed[] }).diagnostics;
    // The four damages are among them (independent of the code under test: we made them).
    const files = shown.map(d => d.file);
    expect(files).toEqual(
      expect.arrayContaining([
        `stats/${TEST}/LoadTestSession1/User1/events.json`,
        `stats/${TEST}/LoadTestSession1/User2/events.json`,
        'dfs_final/batches.json',
      ]),
    );
    expect(files.some(f => f?.startsWith(`qoe/${TEST}/`))).toBe(true);

    const out = join(tmp('out'), 'analysis');
    const a = collect();
    expect(await main(['analyze', root, '--out', out], a.io), a.out.stderr).toBe(0);
    const written = (
      JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { diagnostics: Printed[] }
    ).diagnostics;
    const key = (d: Printed, rel: (f: string) => string) =>
      `${d.severity}|${d.file === undefined ? '' : rel(d.file)}|${d.line ?? ''}|${d.message}`;
    const inSummaryJson = new Set(written.map(d => key(d, f => relative(root, f) || '.')));
    const missing = shown.map(d => key(d, f => f)).filter(k => !inSummaryJson.has(k));
    expect(missing).toEqual([]);

    const errors = written.filter(d => d.severity === 'error').length;
    const warnings = written.filter(d => d.severity === 'warning').length;
    expect(errors).toBeGreaterThanOrEqual(2); // the garbage events.json, the invalid batches.json
    expect(a.out.stderr).toContain(`${errors} error(s), ${warnings} warning(s) in the data:`);
    expect(a.out.stderr).toMatch(/ {2}error: .*dfs_final\/batches\.json: /);
  });

  it('an invalid optional batches.json does not block report or compare', async () => {
    const r = collect();
    const html = join(tmp('report'), 'r.html');
    expect(await main(['report', root, '--out', html], r.io), r.out.stderr).toBe(0);
    expect(existsSync(html)).toBe(true);
    const c = collect();
    const cmp = join(tmp('cmp'), 'cmp');
    expect(
      await main(['compare', root, root, '--out', cmp, '--knee-resamples', '0'], c.io),
      c.out.stderr,
    ).toBe(0);
    expect(c.out.stderr).toMatch(/error: .*dfs_final\/batches\.json: /);
  });
});

describe('an interrupted analyze output', () => {
  it('is reused: our files go, files we did not write stay', async () => {
    const out = join(tmp('out'), 'analysis');
    expect(await main(['analyze', root, '--out', out], collect().io)).toBe(0);
    expect(existsSync(join(out, JOURNAL))).toBe(false);
    // An interruption: summary.json never written, the journal lists what was started.
    const ours = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      files: string[];
    };
    writeFileSync(
      join(out, JOURNAL),
      ours.files
        .filter(f => f !== 'summary.json')
        .map(f => `${f}\n`)
        .join(''),
    );
    writeFileSync(join(out, 'summary.json.part'), 'half');
    writeFileSync(join(out, 'stale.csv'), 'ours, from an older run');
    writeFileSync(join(out, JOURNAL), `stale.csv\n`, { flag: 'a' });
    rmSync(join(out, 'summary.json'));
    mkdirSync(join(out, 'notes'));
    writeFileSync(join(out, 'notes', 'mine.txt'), 'the user wrote this');

    const again = collect();
    expect(await main(['analyze', root, '--out', out], again.io), again.out.stderr).toBe(0);
    expect(existsSync(join(out, 'stale.csv'))).toBe(false);
    expect(readFileSync(join(out, 'notes', 'mine.txt'), 'utf8')).toBe('the user wrote this');
    expect(readFileSync(join(out, 'summary.json.part'), 'utf8')).toBe('half');
    expect(existsSync(join(out, JOURNAL))).toBe(false);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('a folder with files of someone else (no summary.json or journal of ours) is refused', async () => {
    const out = tmp('foreign');
    writeFileSync(join(out, 'keep.txt'), 'x');
    const r = collect();
    expect(await main(['analyze', root, '--out', out], r.io)).toBe(2);
    expect(r.out.stderr).toContain('is not a previous "loadtest-lens analyze" output');
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });
});

describe('links in the output folder', () => {
  it('a link planted where a file of ours goes is refused, and nothing outside is written', async () => {
    const out = join(tmp('out'), 'analysis');
    expect(await main(['analyze', root, '--out', out], collect().io)).toBe(0);
    const outside = join(tmp('outside'), 'victim.csv');
    writeFileSync(outside, 'not yours');
    // A foreign link named like one of our tables, which our summary.json does not list.
    const table = `${TEST}/progression_publishers.csv`;
    const summaryFile = join(out, 'summary.json');
    const doc = JSON.parse(readFileSync(summaryFile, 'utf8')) as { files: string[] };
    expect(doc.files).toContain(table);
    doc.files = doc.files.filter(f => f !== table);
    writeFileSync(summaryFile, JSON.stringify(doc));
    rmSync(join(out, table));
    symlinkSync(outside, join(out, table));
    const r = collect();
    const code = await main(['analyze', root, '--out', out], r.io);
    expect(readFileSync(outside, 'utf8')).toBe('not yours');
    expect(code, r.out.stderr).toBe(2);
    expect(r.out.stderr).toMatch(
      /is a symbolic link inside the output folder; links there are never followed/,
    );
  });
});

describe('QoS tables written as soon as they are merged', () => {
  it('each test lists its QoS CSVs after its other files, in the notebook order, all written', async () => {
    const tests = ['loadtest-webrtc-2024-pion-2p', 'loadtest-webrtc-2024-kurento-2p'];
    const twoTests = join(tmp('two'), 'root');
    const g = collect();
    expect(
      await main(['generate', '--out', twoTests, '--tests', tests.join(','), '--seed', '7'], g.io),
      g.out.stderr,
    ).toBe(0);
    const out = join(tmp('out'), 'analysis');
    const a = collect();
    expect(await main(['analyze', twoTests, '--out', out], a.io), a.out.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      files: string[];
      tests: Array<{ name: string; qos?: Record<string, { rows: number }> }>;
    };
    // separate_stats' tables, in the order of the notebook's dict: each direction, audio then video.
    const order = ['inbound', 'outbound', 'remote_inbound', 'remote_outbound'].flatMap(d =>
      ['audio', 'video'].map(kind => `${d}_${kind}`),
    );
    expect(doc.tests.map(t => t.name).sort()).toEqual([...tests].sort());
    for (const t of doc.tests) {
      const withRows = order.filter(name => (t.qos?.[name]?.rows ?? 0) > 0);
      expect(withRows.length, t.name).toBeGreaterThan(0);
      const last = doc.files.indexOf(`${t.name}/qoe_progression_visqol.csv`);
      expect(last, t.name).toBeGreaterThan(0);
      expect(doc.files.slice(last + 1, last + 1 + withRows.length)).toEqual(
        withRows.map(name => `${t.name}/qos/${name}.csv`),
      );
    }
    for (const f of doc.files) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, JOURNAL))).toBe(false);
  });
});
