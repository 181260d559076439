// Reading a run folder's files (issue 18 item 8, issue 19): only regular files, whole reads
// capped, NDJSON exports streamed with bounded memory, and a check skipped for lack of data says
// which file could not be read.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/model/diagnostic';
import { readFolderText } from '../../../src/core/runs/folderFile';
import { parsePlatformDocs, readPlatformDocsFile } from '../../../src/core/runs/platformDocs';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';
import { runText } from '../../../src/core/runs/text';
import { generatedRun } from './runs';

const scratch = () => mkdtempSync(join(tmpdir(), 'ltl-folder-'));

async function reload(dir: string) {
  const [files] = await listRuns(dir);
  return loadRun(files!);
}

describe('only regular files are read', () => {
  it('a FIFO named config.yaml is a diagnostic, not a hang; the run loads from its reports', async () => {
    const { dir } = await generatedRun();
    rmSync(join(dir, 'config.yaml'));
    execFileSync('mkfifo', [join(dir, 'config.yaml')]);
    const run = await reload(dir);
    expect(run.config).toBeUndefined();
    expect(run.scenarios).toHaveLength(3);
    const d = run.diagnostics.find(x => x.file.endsWith('config.yaml'))!;
    expect(d).toMatchObject({ severity: 'error', code: 'file.notRegular' });
    expect(d.message).toMatch(/FIFO/);
    expect(run.missing).toEqual([
      expect.objectContaining({ kind: 'config', file: join(dir, 'config.yaml') }),
    ]);
  });

  it('a folder where a file of the run should be is named, not passed over', async () => {
    const { dir } = await generatedRun();
    const events = readdirSync(join(dir, 'stats'))
      .sort()
      .map(room => join(dir, 'stats', room))
      .flatMap(room => readdirSync(room).map(who => join(room, who, 'events.json')))
      .filter(f => existsSync(f));
    // The emulated mode writes `[]`; two users here have events (one is then made a folder).
    for (const f of events.slice(0, 2)) writeFileSync(f, '[{"event":"connectionStart"}]');
    expect((await reload(dir)).perUserStats?.users).toBe(2);
    const asFolders = [
      join(dir, 'config.yaml'),
      join(dir, 'metrics', 'platform-metrics.ndjson'),
      events[0]!,
    ];
    for (const f of asFolders) {
      rmSync(f);
      mkdirSync(f);
    }
    const run = await reload(dir);
    expect(run.config).toBeUndefined();
    for (const f of asFolders)
      expect(
        run.diagnostics.filter(d => d.file === f).map(d => d.code),
        f,
      ).toEqual(['file.notRegular']);
    expect(run.missing.map(m => [m.kind, m.file])).toEqual([
      ['config', join(dir, 'config.yaml')],
      ['metrics', join(dir, 'metrics', 'platform-metrics.ndjson')],
    ]);
    // The folder named events.json is no user with events.
    expect(run.perUserStats?.users).toBe(1);
  });

  it('a browser-emulator file of no bytes is said (it is created as []: it was cut)', async () => {
    const { dir } = await generatedRun();
    const who = readdirSync(join(dir, 'stats'))
      .sort()
      .map(room => join(dir, 'stats', room))
      .flatMap(room => readdirSync(room).map(w => join(room, w)))
      .find(w => existsSync(join(w, 'errors.json')) && existsSync(join(w, 'events.json')))!;
    const emptied = ['errors.json', 'events.json'].map(n => join(who, n));
    for (const f of emptied) writeFileSync(f, '');
    const run = await reload(dir);
    for (const f of emptied)
      expect(
        run.diagnostics.filter(d => d.file === f).map(d => [d.code, d.severity]),
        f,
      ).toEqual([['json.empty', 'warning']]);
    // `[]`, as the generator writes every other one, is no finding.
    expect(run.diagnostics.filter(d => d.code === 'json.empty')).toHaveLength(2);
    // An events.json cut to `[` is said too (it is read only when that small).
    writeFileSync(emptied[1]!, '[');
    const cut = await reload(dir);
    expect(
      cut.diagnostics.filter(d => d.file === emptied[1]).map(d => [d.code, d.severity]),
    ).toEqual([['json.truncated', 'warning']]);
  });

  it('an events.json cut after some events is said, and its user still counted', async () => {
    const { dir } = await generatedRun();
    const [cut, spaced] = readdirSync(join(dir, 'stats'))
      .sort()
      .flatMap(room => readdirSync(join(dir, 'stats', room)).map(w => join(dir, 'stats', room, w)))
      .map(w => join(w, 'events.json'))
      .filter(f => existsSync(f)) as [string, string];
    const events = '[{"event":"connectionStart"},{"event":"connectionFailed"}]';
    writeFileSync(cut, events);
    writeFileSync(spaced, events);
    const before = (await reload(dir)).perUserStats?.users;
    writeFileSync(cut, events.slice(0, 30));
    // Blanks after the closing bracket are no cut.
    writeFileSync(spaced, `${events}\n  \n`);
    const run = await reload(dir);
    expect(
      run.diagnostics.filter(d => d.code === 'json.truncated').map(d => [d.file, d.severity]),
    ).toEqual([[cut, 'warning']]);
    expect(run.diagnostics.find(d => d.file === cut)?.message).toContain('at byte 30');
    expect(run.perUserStats?.users).toBe(before);
  });

  it('a folder named like the HTML report is the run, and is said to be no file', async () => {
    const { dir } = await generatedRun();
    const report = readdirSync(dir).find(n => n.startsWith('report-'))!;
    rmSync(join(dir, report));
    mkdirSync(join(dir, report));
    const runs = await listRuns(dir);
    expect(runs.map(r => r.report)).toEqual([join(dir, report)]);
    const run = await loadRun(runs[0]!);
    expect(run.diagnostics.find(d => d.file === join(dir, report))?.code).toBe('file.notRegular');
  });

  it('config.yaml -> /dev/zero is never read (a link out of the folder, to a device)', async () => {
    const { dir } = await generatedRun();
    rmSync(join(dir, 'config.yaml'));
    symlinkSync('/dev/zero', join(dir, 'config.yaml'));
    const run = await reload(dir);
    expect(run.config).toBeUndefined();
    const d = run.diagnostics.find(x => x.file.endsWith('config.yaml'))!;
    expect(d.code).toBe('file.linkOutside');
    expect(d.message).toMatch(/link/i);
  });

  it('a whole read stops at its cap: the file is skipped and the diagnostic says why', async () => {
    const dir = scratch();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'x'.repeat(100));
    const out: Diagnostic[] = [];
    expect(await readFolderText(file, out, 100)).toBe('x'.repeat(100));
    expect(out).toEqual([]);
    expect(await readFolderText(file, out, 99, 'a test file')).toBeUndefined();
    expect(out).toEqual([
      expect.objectContaining({ code: 'file.tooLarge', severity: 'error', file }),
    ]);
    expect(out[0]!.message).toMatch(/over the 0\.0 MiB limit for a test file; the file is skipped/);
  });

  it('a config.yaml over 4 MiB is skipped with a diagnostic; the run still loads', async () => {
    const { dir } = await generatedRun();
    writeFileSync(join(dir, 'config.yaml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const run = await reload(dir);
    expect(run.config).toBeUndefined();
    expect(run.scenarios).toHaveLength(3);
    const d = run.diagnostics.find(x => x.code === 'file.tooLarge')!;
    expect(d.file).toMatch(/config\.yaml$/);
    expect(d.message).toMatch(/5\.0 MiB is over the 4\.0 MiB limit for a config file/);
  });
});

/** Metricbeat documents of one media node; CPU of document i is (i mod 100) %. */
function metricbeatLines(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      '@timestamp': new Date(Date.UTC(2026, 6, 1, 10) + i * 10_000).toISOString(),
      host: { name: 'media-1' },
      fields: { node_role: 'medianode' },
      system: { cpu: { total: { norm: { pct: (i % 100) / 100 } } } },
    }),
  );
}

describe('NDJSON exports are streamed line by line', () => {
  it('reads in small chunks with bounded memory, the same series as a whole read', async () => {
    const dir = scratch();
    const held: number[] = [];
    for (const n of [1000, 2000]) {
      const lines = metricbeatLines(n);
      const file = join(dir, `metricbeat-${n}.ndjson`);
      // CRLF on every other line, as a Windows tool writes.
      writeFileSync(file, lines.map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join(''));
      const probe = { chunks: 0, maxHeldBytes: 0 };
      const r = await readPlatformDocsFile(file, { chunkSize: 256, maxLineBytes: 512, probe });
      expect(r.readable).toBe(true);
      expect(r.diagnostics).toEqual([]);
      const cpu = r.series.find(s => s.name === 'cpu')!;
      expect(cpu.points).toHaveLength(n);
      expect(Math.max(...cpu.points.map(p => p.v))).toBeCloseTo(99, 9);
      expect(cpu.points[150]!.v).toBeCloseTo(50, 9);
      expect(probe.chunks).toBe(Math.ceil(statSync(file).size / 256));
      held.push(probe.maxHeldBytes);
      // The same as reading the whole text at once.
      expect(r.series).toEqual(parsePlatformDocs(lines.join('\n'), file).series);
    }
    // One line at most is held, whatever the file's size: a line is < 200 bytes here.
    expect(held[0]).toBe(held[1]);
    expect(held[0]).toBeLessThan(200);
  });

  it('skips a line longer than the limit and a line that is not JSON, by line number, and reads on', async () => {
    const file = join(scratch(), 'metricbeat.ndjson');
    const [a, b, c] = metricbeatLines(3);
    writeFileSync(file, [a, `{"x":"${'y'.repeat(2000)}"}`, 'not json', b, '', c].join('\n'));
    const r = await readPlatformDocsFile(file, { chunkSize: 64, maxLineBytes: 512 });
    expect(r.series.find(s => s.name === 'cpu')!.points.map(p => p.v)).toEqual([0, 1, 2]);
    expect(r.diagnostics.map(d => [d.code, d.line])).toEqual([
      ['file.lineTooLong', 2],
      ['metrics.badLine', 3],
    ]);
  });

  it('a JSON array too large to read whole is a clear diagnostic, not a crash', async () => {
    const file = join(scratch(), 'metricbeat.json');
    writeFileSync(file, `[${metricbeatLines(20).join(',\n')}]`);
    const small = await readPlatformDocsFile(file, { maxWholeBytes: 1000 });
    expect(small.readable).toBe(false);
    expect(small.series).toEqual([]);
    expect(small.diagnostics).toEqual([
      expect.objectContaining({ code: 'file.tooLarge', severity: 'error', file }),
    ]);
    expect(small.diagnostics[0]!.message).toMatch(/Export it as NDJSON/);
    const whole = await readPlatformDocsFile(file);
    expect(whole.series.find(s => s.name === 'cpu')!.points).toHaveLength(20);
  });

  it('a search response is read whole; a document that is not an object is skipped', async () => {
    const file = join(scratch(), 'metricbeat-search.json');
    const hits = metricbeatLines(2).map(l => ({ _source: JSON.parse(l) as object }));
    writeFileSync(file, JSON.stringify({ took: 1, hits: { hits: [...hits, 42, null] } }));
    const r = await readPlatformDocsFile(file);
    expect(r.series.find(s => s.name === 'cpu')!.points.map(p => p.v)).toEqual([0, 1]);
    expect(r.diagnostics.map(d => d.code)).toEqual(['metrics.notObject', 'metrics.notObject']);
  });
});

describe('a check skipped for lack of data says so', () => {
  it('an unreadable Metricbeat export: the host-CPU check is skipped, naming the file and why', async () => {
    const { dir } = await generatedRun();
    const file = join(dir, 'metrics', 'metricbeat.ndjson');
    rmSync(file);
    execFileSync('mkfifo', [file]);
    const run = await reload(dir);
    expect(run.missing).toEqual([expect.objectContaining({ kind: 'metrics', file })]);
    const summary = summarizeRun(run);
    for (const s of summary.scenarios) {
      const c = s.validity.checks.find(x => x.cls === 'hostWideCpu')!;
      expect(c.status).toBe('skipped');
      expect(c.summary).toMatch(/metricbeat\.ndjson exists but could not be read/);
      expect(c.evidence[0]).toMatchObject({ file });
      expect(c.evidence[0]!.text).toMatch(/FIFO/);
      // The shape the run view reads is unchanged.
      expect(Object.keys(c).sort()).toEqual(['cls', 'evidence', 'status', 'summary', 'title']);
    }
    const text = runText(summary, []);
    expect(text).toMatch(
      /– skipped {2}Host-wide CPU .*metricbeat\.ndjson exists but could not be read/,
    );
    expect(text).toContain('metrics/metricbeat.ndjson: Not read: it is a FIFO');
    // The clean run has the data: the same check passes there.
    const clean = summarizeRun((await generatedRun()).run);
    expect(clean.scenarios[0]!.validity.checks.find(x => x.cls === 'hostWideCpu')!.status).toBe(
      'pass',
    );
  });
});
