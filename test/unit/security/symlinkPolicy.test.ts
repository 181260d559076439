/**
 * The symbolic-link policy (issue 19 "Leaving the folder"; docs/reliability.md): nothing is read
 * through a link that leaves the opened folder, and each such link gets one diagnostic naming it;
 * links that stay inside are followed. Every hostile folder is built here in a temporary dir.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { readScanOrder } from '../../../src/core/analysis/segments/scanOrder';
import { FolderBoundary } from '../../../src/core/source/insideRoot';
import { listDir } from '../../../src/core/source/resultRoot';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { KURENTO, makeMiniRoot } from '../core/miniRoot';

const SECRET = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-a-real-key';
const LOGGER = 'i.o.l.services.BrowserEmulatorClient     :';

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A folder outside every root: a private key, a controller log with one failure, a user folder. */
function outsideFolder(): string {
  const out = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-outside-')));
  write(join(out, 'id_rsa'), `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----\n`);
  write(
    join(out, 'evil.log'),
    `2024-06-20 12:16:00.000 ERROR 1 --- [x] ${LOGGER} Participant User1 in session LoadTestSession1 failed 1 times\n`,
  );
  write(
    join(out, 'user', 'events.json'),
    JSON.stringify([
      {
        event: 'connectionStart',
        participant: 'User9',
        session: 'LoadTestSession1',
        timestamp: '2024-06-20T10:15:02.000Z',
      },
    ]),
  );
  write(join(out, 'stats', 'outside-test', 'LoadTestSession1', 'User1', 'events.json'), '[]');
  return out;
}

const codesOn = (diagnostics: readonly { code: string; file: string }[], file: string) =>
  diagnostics.filter(d => d.file === file).map(d => d.code);

describe('notebook roots: links leading out are not followed, and said so', () => {
  const out = outsideFolder();
  const root = makeMiniRoot();
  const s1 = join(root, 'stats', KURENTO, 'LoadTestSession1');
  // A log of its own test, a user folder, a user's events.json: all links to the outside.
  symlinkSync(join(out, 'evil.log'), join(root, 'logs', 'evil.log'));
  symlinkSync(join(out, 'user'), join(s1, 'User9'));
  rmSync(join(s1, 'User2', 'events.json'));
  symlinkSync(join(out, 'id_rsa'), join(s1, 'User2', 'events.json'));

  it('reads nothing behind them: no outside failure, user or text in the summary', async () => {
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    // The outside log holds one failure line; the test it would name is not even listed.
    expect(summary.tests.map(t => t.name)).not.toContain('evil');
    expect(summary.tests.reduce((n, t) => n + t.failureLines, 0)).toBe(2); // the Kurento log's 2
    const kurento = summary.tests.find(t => t.name === KURENTO);
    // makeMiniRoot: 3 users (S1/User1, S1/User2, S2/User1); User9 lives outside.
    expect(kurento?.userCount).toBe(3);
    expect(JSON.stringify(summary)).not.toContain(SECRET);
  });

  it('one diagnostic per link, on the test it belongs to, naming the link', async () => {
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    const kurento = summary.tests.find(t => t.name === KURENTO);
    expect(codesOn(summary.diagnostics, join(root, 'logs', 'evil.log'))).toEqual([
      'file.linkOutside',
    ]);
    const k = kurento?.diagnostics ?? [];
    expect(codesOn(k, join(s1, 'User9'))).toEqual(['file.linkOutside']);
    expect(codesOn(k, join(s1, 'User2', 'events.json'))).toEqual(['file.linkOutside']);
    const d = k.find(x => x.file === join(s1, 'User9'));
    expect(d?.message).toMatch(/not followed/);
  });

  it('a symlinked stats/ is not listed: a root diagnostic names it, the other parts still read', async () => {
    const root2 = makeMiniRoot();
    rmSync(join(root2, 'stats'), { recursive: true });
    symlinkSync(join(out, 'stats'), join(root2, 'stats'));
    const summary = await summarizeRoot(root2, { logTimezone: 'auto' });
    expect(summary.tests.map(t => t.name)).not.toContain('outside-test');
    expect(codesOn(summary.diagnostics, join(root2, 'stats'))).toEqual(['file.linkOutside']);
    // The log still reads: makeMiniRoot's Kurento log has 2 failure lines.
    expect(summary.tests.find(t => t.name === KURENTO)?.failureLines).toBe(2);
  });

  it('links that stay inside the root are followed like what they name', async () => {
    const root3 = makeMiniRoot();
    const log = join(root3, 'logs', `${KURENTO}.log`);
    mkdirSync(join(root3, 'archive'));
    cpSync(log, join(root3, 'archive', 'k.log'));
    rmSync(log);
    symlinkSync(join('..', 'archive', 'k.log'), log);
    const kSession2 = join(root3, 'stats', KURENTO, 'LoadTestSession2');
    cpSync(kSession2, join(root3, 'archive', 's2'), { recursive: true });
    rmSync(kSession2, { recursive: true });
    symlinkSync(join(root3, 'archive', 's2'), kSession2);
    const summary = await summarizeRoot(root3, { logTimezone: 'auto' });
    const k = summary.tests.find(t => t.name === KURENTO);
    expect(k?.failureLines).toBe(2);
    expect(k?.userCount).toBe(3);
    expect(JSON.stringify(summary)).not.toMatch(/file\.link/);
  });

  it('a broken link is reported as broken', async () => {
    const root4 = makeMiniRoot();
    symlinkSync(join(root4, 'nowhere.log'), join(root4, 'logs', 'gone.log'));
    const summary = await summarizeRoot(root4, { logTimezone: 'auto' });
    expect(codesOn(summary.diagnostics, join(root4, 'logs', 'gone.log'))).toEqual([
      'file.linkBroken',
    ]);
  });
});

describe('run folders of today: config.yaml and errors.json linked out are not read', () => {
  const out = outsideFolder();
  const run = join(realpathSync(mkdtempSync(join(tmpdir(), 'ltl-run-'))), 'run');
  cpSync(join(__dirname, '../../../samples/today'), run, { recursive: true });
  rmSync(join(run, 'config.yaml'));
  symlinkSync(join(out, 'id_rsa'), join(run, 'config.yaml'));
  const who = join(run, 'stats', 'LoadTestSession3', 'loadtest-LoadTestSession3-1782900022000');
  rmSync(join(who, 'errors.json'));
  symlinkSync(join(out, 'id_rsa'), join(who, 'errors.json'));
  symlinkSync(join(out, 'stats'), join(run, 'metrics-link'));

  it('the key never reaches the run data; each link has its diagnostic; the rest reads', async () => {
    const [files] = await listRuns(run);
    const data = await loadRun(files!);
    expect(JSON.stringify(data)).not.toContain(SECRET);
    expect(data.files.config).toBeUndefined();
    expect(codesOn(data.diagnostics, join(run, 'config.yaml'))).toEqual(['file.linkOutside']);
    expect(codesOn(data.diagnostics, join(who, 'errors.json'))).toEqual(['file.linkOutside']);
    expect(data.scenarios.length).toBeGreaterThan(0);
  });
});

describe('FolderBoundary and listDir', () => {
  const out = outsideFolder();
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-bound-')));
  write(join(root, 'a', 'f.txt'), 'x');
  symlinkSync(join(root, 'a'), join(root, 'in-dir'));
  symlinkSync(join(root, 'a', 'f.txt'), join(root, 'in-file'));
  symlinkSync(out, join(root, 'out-dir'));
  symlinkSync(join(out, 'id_rsa'), join(root, 'out-file'));

  it('lists inside links as what they name, leaves outside links out and reports each once', async () => {
    const b = new FolderBoundary(root);
    const entries = (await listDir(root, b)).sort((x, y) => x.name.localeCompare(y.name));
    expect(entries).toEqual([
      { name: 'a', isDir: true },
      { name: 'in-dir', isDir: true },
      { name: 'in-file', isDir: false },
    ]);
    expect(await b.allows(join(root, 'out-dir', 'user', 'events.json'))).toBe(false);
    expect(await listDir(join(root, 'out-dir'), b)).toEqual([]);
    expect(b.diagnostics.map(d => [d.code, d.file]).sort()).toEqual([
      ['file.linkOutside', join(root, 'out-dir')],
      ['file.linkOutside', join(root, 'out-file')],
    ]);
    expect(await b.allows(join(root, 'in-dir', 'f.txt'))).toBe(true);
    expect(await b.allows(join(root, 'missing'))).toBe(false);
    expect(b.diagnostics).toHaveLength(2);
  });

  it('takes a root given relative to the cwd, its listed paths alike, with the same verdicts', async () => {
    const rel = relative(process.cwd(), root);
    expect(isAbsolute(rel)).toBe(false);
    const b = new FolderBoundary(rel);
    expect(await b.allows(join(rel, 'a', 'f.txt'))).toBe(true);
    expect(await b.allows(join(rel, 'in-dir', 'f.txt'))).toBe(true);
    // A plain file's real path, through a folder linked inside: what realpath says.
    for (const f of [join('in-dir', 'f.txt'), join('a', 'f.txt'), 'in-file'])
      expect(await b.resolve(join(rel, f))).toBe(realpathSync(join(root, f)));
    expect(await b.allows(join(rel, 'out-file'))).toBe(false);
    expect(b.diagnostics.map(d => [d.code, d.file])).toEqual([
      ['file.linkOutside', join(root, 'out-file')],
    ]);
  });

  it('without a boundary (detection by names) links are never followed', async () => {
    const names = (await listDir(root)).filter(e => e.isDir).map(e => e.name);
    expect(names).toEqual(['a']);
  });
});

describe('the notebook scan order (separate_stats, B5) follows the same policy', () => {
  it('a user folder linked inside counts as a folder (os.scandir is_dir), one linked out does not', async () => {
    const out = outsideFolder();
    const stats = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-scan-')));
    mkdirSync(join(stats, 's1', 'u1'), { recursive: true });
    mkdirSync(join(stats, 'kept', 'u9'), { recursive: true });
    symlinkSync(join(stats, 'kept', 'u9'), join(stats, 's1', 'u2'));
    symlinkSync(join(out, 'user'), join(stats, 's1', 'u3'));
    const boundary = new FolderBoundary(stats);
    const order = await readScanOrder(stats, boundary);
    expect(order.filter(k => k.startsWith('s1/')).sort()).toEqual(['s1/u1', 's1/u2']);
    expect(boundary.diagnostics.map(d => [d.code, d.file])).toEqual([
      ['file.linkOutside', join(stats, 's1', 'u3')],
    ]);
  });
});
