/**
 * `analyze --out` into a folder someone else prepared (issue 19 "Leaving the folder"), and test
 * names that are hostile as file names: nothing outside the output folder is removed or written,
 * links in the output tree are refused, every test gets its own safe folder, and our top-level
 * files are never overwritten by a test's. Every hostile folder is built here in a tmp dir.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/analyze';
import {
  OutputRefused,
  OutputWriter,
  prepareOutput,
  safeName,
} from '../../../src/core/report/analyzeOutput';
import { SUMMARY_SCHEMA } from '../../../src/core/report/summary';
import { makeMiniRoot } from '../core/miniRoot';

function base(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'ltl-out-')));
}

/** A folder outside the output, with a file that must survive untouched. */
function victim(dir: string): { folder: string; file: string } {
  const folder = join(dir, 'victim');
  mkdirSync(folder);
  const file = join(folder, 'precious.txt');
  writeFileSync(file, 'keep me');
  return { folder, file };
}

/** A summary.json that passes for ours, listing `files`. */
function craftedSummary(out: string, files: string[]): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'summary.json'), JSON.stringify({ schema: SUMMARY_SCHEMA, files }));
}

describe('prepareOutput: a crafted previous output removes nothing outside it', () => {
  it('a symlinked folder listed in summary.json: refused, the outside file stays', async () => {
    const dir = base();
    const v = victim(dir);
    const out = join(dir, 'out');
    craftedSummary(out, ['t/precious.txt', 'connection_stats.csv']);
    writeFileSync(join(out, 'connection_stats.csv'), 'x');
    symlinkSync(v.folder, join(out, 't'));
    await expect(prepareOutput(out)).rejects.toThrow(OutputRefused);
    await expect(prepareOutput(out)).rejects.toThrow(join(out, 't'));
    expect(readFileSync(v.file, 'utf8')).toBe('keep me');
    // Nothing at all was removed: the check runs before any removal.
    expect(existsSync(join(out, 'connection_stats.csv'))).toBe(true);
  });

  it('a symlinked output file listed in summary.json: refused, its target stays', async () => {
    const dir = base();
    const v = victim(dir);
    const out = join(dir, 'out');
    craftedSummary(out, ['connection_stats.csv']);
    symlinkSync(v.file, join(out, 'connection_stats.csv'));
    await expect(prepareOutput(out)).rejects.toThrow(OutputRefused);
    expect(readFileSync(v.file, 'utf8')).toBe('keep me');
  });

  it('paths leaving the folder (`..`, absolute) are refused', async () => {
    for (const listed of [
      '../victim/precious.txt',
      '/etc/hostname',
      'a/../../victim/precious.txt',
    ]) {
      const dir = base();
      const v = victim(dir);
      const out = join(dir, 'out');
      craftedSummary(out, [listed.replace('/etc/hostname', v.file)]);
      await expect(prepareOutput(out), listed).rejects.toThrow(OutputRefused);
      expect(readFileSync(v.file, 'utf8')).toBe('keep me');
    }
  });

  it('a summary.json that is itself a link is refused', async () => {
    const dir = base();
    const out = join(dir, 'out');
    mkdirSync(out);
    const fake = join(dir, 'fake.json');
    writeFileSync(fake, JSON.stringify({ schema: SUMMARY_SCHEMA, files: [] }));
    symlinkSync(fake, join(out, 'summary.json'));
    await expect(prepareOutput(out)).rejects.toThrow(OutputRefused);
    expect(existsSync(fake)).toBe(true);
  });

  it('a genuine previous output is cleared (its listed files only)', async () => {
    const dir = base();
    const out = join(dir, 'out');
    craftedSummary(out, ['t/a.csv', 'summary.json']);
    mkdirSync(join(out, 't'));
    writeFileSync(join(out, 't', 'a.csv'), 'x');
    await prepareOutput(out);
    expect(existsSync(join(out, 't', 'a.csv'))).toBe(false);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });
});

describe('OutputWriter: never writes through a link', () => {
  it('a planted file link or folder link is refused; the targets are untouched', async () => {
    const dir = base();
    const v = victim(dir);
    const out = join(dir, 'out');
    mkdirSync(join(out, 't'), { recursive: true });
    symlinkSync(v.file, join(out, 't', 'x.csv'));
    symlinkSync(v.folder, join(out, 'u'));
    const w = new OutputWriter(out);
    await expect(w.write('t/x.csv', 'overwritten')).rejects.toThrow(OutputRefused);
    await expect(w.write('u/y.csv', 'new')).rejects.toThrow(OutputRefused);
    await expect(w.write('../escape.csv', 'new')).rejects.toThrow(OutputRefused);
    expect(readFileSync(v.file, 'utf8')).toBe('keep me');
    expect(readdirSync(v.folder)).toEqual(['precious.txt']);
    expect(existsSync(join(dir, 'escape.csv'))).toBe(false);
    expect(w.files).toEqual([]);
  });

  it('an existing plain file is replaced, and listed once', async () => {
    const out = join(base(), 'out');
    mkdirSync(join(out, 't'), { recursive: true });
    writeFileSync(join(out, 't', 'x.csv'), 'old');
    const w = new OutputWriter(out);
    await w.write('t/x.csv', 'new');
    expect(readFileSync(join(out, 't', 'x.csv'), 'utf8')).toBe('new');
    expect(w.files).toEqual(['t/x.csv']);
  });
});

const HOSTILE_NAMES = [
  'summary.json',
  'SUMMARY.JSON',
  'connection_stats.csv',
  'a\0b',
  'x'.repeat(300),
  'é'.repeat(200), // 400 UTF-8 bytes
  '..',
  '.',
  '',
  'a/b',
  'a_b',
  'a\\b',
  'con:1?',
  'tab\there',
  'tilde~1',
];

describe('safeName: a safe, unique folder per test name', () => {
  it('plain names are kept as they are', () => {
    for (const n of ['loadtest-webrtc-2024-pion-8p', 'LoadTest 1', 'test.v2', 'ünï'])
      expect(safeName(n)).toBe(n);
  });

  it('hostile names: no separator, NUL or control, at most 255 bytes, not reserved, all distinct', () => {
    const names = HOSTILE_NAMES.map(safeName);
    for (const [i, n] of names.entries()) {
      const from = JSON.stringify(HOSTILE_NAMES[i]).slice(0, 30);
      // eslint-disable-next-line no-control-regex -- control characters are what must be absent
      expect(n, from).not.toMatch(/[\u0000-\u001f/\\<>:"|?*]/);
      expect(Buffer.byteLength(n), from).toBeLessThanOrEqual(255);
      expect(['', '.', '..', 'summary.json', 'connection_stats.csv'], from).not.toContain(
        n.toLowerCase(),
      );
    }
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('a_b'); // the plain name keeps its folder; 'a/b' gets a suffixed one
  });

  it('the mapping is the documented one: cleaned name, "~", 8 hex digits of the SHA-1', () => {
    // Digests from `printf %s summary.json | sha1sum` (da120a3f…) and `printf %s a/b | sha1sum`.
    expect(safeName('summary.json')).toBe('summary.json~da120a3f');
    expect(safeName('a/b')).toBe('a_b~3ec69c85');
    expect(safeName('x'.repeat(300))).toMatch(/^x{100}~[0-9a-f]{8}$/);
  });
});

describe('analyze --connection-stats with hostile test names', () => {
  it('no crash; each test in its own folder; our summary.json and connection_stats.csv stay ours', async () => {
    const dir = base();
    const io = { stdout: () => undefined, stderr: () => undefined };
    const first = join(dir, 'first');
    expect(await analyzeCommand([makeMiniRoot(), '--out', first], io)).toBe(0);
    const csv = Papa.parse<Record<string, string>>(
      readFileSync(join(first, 'connection_stats.csv'), 'utf8'),
      { header: true, skipEmptyLines: true },
    );
    const tests = [...new Set(csv.data.map(r => r['index'] as string))];
    const names = ['summary.json', 'connection_stats.csv', 'nul\0name', 'y'.repeat(300)];
    // Each hostile name takes over all rows of one real test (the mini root has two tests).
    const rows = names.flatMap((name, i) =>
      csv.data
        .filter(r => r['index'] === tests[i % tests.length])
        .map(r => ({ ...r, index: name })),
    );
    const hostile = join(dir, 'hostile.csv');
    writeFileSync(hostile, Papa.unparse(rows, { columns: csv.meta.fields }));
    const out = join(dir, 'out');
    const code = await analyzeCommand(['--connection-stats', hostile, '--out', out], io);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      schema: string;
      tests: Array<{ name: string }>;
      files: string[];
    };
    expect(summary.schema).toBe(SUMMARY_SCHEMA);
    expect(summary.tests.map(t => t.name).sort()).toEqual([...names].sort());
    // The top-level connection_stats.csv holds every row, not one test's.
    const top = Papa.parse(readFileSync(join(out, 'connection_stats.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(top.data).toHaveLength(rows.length);
    const folders = readdirSync(out).filter(
      n => n !== 'summary.json' && n !== 'connection_stats.csv',
    );
    expect(folders.sort()).toEqual(names.map(safeName).sort());
    for (const f of summary.files) expect(existsSync(join(out, f)), f).toBe(true);
  });
});
