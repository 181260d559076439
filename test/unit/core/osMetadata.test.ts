/**
 * Result folders that passed through a Mac or a Windows machine: AppleDouble companions
 * (`._<name>`, written beside every file copied to a FAT/exFAT/SMB volume, and into `__MACOSX/`
 * by a zip made on a Mac), `.DS_Store`, `Thumbs.db`, `desktop.ini`. The truth is the same folder
 * without them (the shipped samples): every table `analyze` writes byte for byte, and the same
 * run verdicts. Before, `._<test>.log` made a test of its own and `._config.yaml`, sorted first,
 * was read as the run's configuration.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/analyze';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';
import { isOsMetadata } from '../../../src/core/source/resultRoot';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');

/** The 26-byte AppleDouble header (magic 0x00051607, version 2, "Mac OS X" filler), one entry. */
const APPLE_DOUBLE = Buffer.concat([
  Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]),
  Buffer.from('Mac OS X        ', 'latin1'),
  Buffer.from([0, 1, 0, 0, 0, 9, 0, 0, 0, 50, 0, 0, 0, 32]),
]);

function walk(dir: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [dir];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) {
      const sub = walk(p);
      files.push(...sub.files);
      dirs.push(...sub.dirs);
    } else files.push(p);
  }
  return { files, dirs };
}

/** A copy of `sample` as a Mac and a Windows machine leave it. */
function weathered(sample: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ltl-os-metadata-')), basename(sample));
  cpSync(join(SAMPLES, sample), dir, { recursive: true });
  const { files, dirs } = walk(dir);
  for (const f of files) {
    writeFileSync(join(dirname(f), `._${basename(f)}`), APPLE_DOUBLE);
    const zipped = join(dir, '__MACOSX', relative(dir, dirname(f)));
    mkdirSync(zipped, { recursive: true });
    writeFileSync(join(zipped, `._${basename(f)}`), APPLE_DOUBLE);
  }
  for (const d of dirs) {
    writeFileSync(join(d, '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
    if (d !== dir) writeFileSync(join(dirname(d), `._${basename(d)}`), APPLE_DOUBLE);
  }
  writeFileSync(join(dir, 'Thumbs.db'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  writeFileSync(join(dir, 'desktop.ini'), '[.ShellClassInfo]\r\nIconResource=x\r\n');
  return dir;
}

async function tables(root: string): Promise<Map<string, string>> {
  const out = join(mkdtempSync(join(tmpdir(), 'ltl-os-metadata-out-')), 'out');
  const io = { stdout: () => undefined, stderr: () => undefined };
  expect(await analyzeCommand([root, '--out', out], io)).toBe(0);
  const written = walk(out).files.filter(f => !f.endsWith('summary.json'));
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
    counts: { test?: string; name?: string }[];
    diagnostics: { code: string; test?: string }[];
  };
  return new Map([
    ['tests', JSON.stringify(summary.counts.map(t => t.test ?? t.name))],
    ['findings', JSON.stringify(summary.diagnostics.map(d => [d.test, d.code]))],
    ...written.map(f => [relative(out, f), readFileSync(f, 'utf8')] as [string, string]),
  ]);
}

describe('operating systems’ metadata in result folders', () => {
  it('names the metadata and nothing else', () => {
    for (const n of ['._events.json', '._LoadTestSession1', '.DS_Store', '__MACOSX', 'Thumbs.db'])
      expect(isOsMetadata(n), n).toBe(true);
    for (const n of ['events.json', 'LoadTestSession1', '.ipynb_checkpoints', '_cuts.json', 'x._y'])
      expect(isOsMetadata(n), n).toBe(false);
  });

  it('a result root writes the same tables, with no test of its own', async () => {
    const clean = await tables(join(SAMPLES, 'demo'));
    const mac = await tables(weathered('demo'));
    expect([...mac.keys()].sort()).toEqual([...clean.keys()].sort());
    for (const [file, text] of clean) expect(mac.get(file), file).toBe(text);
  }, 120_000);

  it('a run folder reads its own configuration, log and reports, not their companions', async () => {
    const load = async (folder: string) => {
      const runs = await listRuns(folder);
      return Promise.all(runs.map(r => loadRun(r)));
    };
    const [clean] = await load(join(SAMPLES, 'today'));
    const mac = await load(weathered('today'));
    expect(mac).toHaveLength(1);
    const run = mac[0]!;
    expect(basename(run.files.config ?? '')).toBe('config.yaml');
    expect(basename(run.files.log ?? '')).toBe('controller.log');
    expect(run.files.metrics.map(f => basename(f))).toEqual(
      clean!.files.metrics.map(f => basename(f)),
    );
    const verdicts = (s: ReturnType<typeof summarizeRun>) =>
      s.scenarios.map(x => [x.label, x.validity.verdict, x.validity.checks.map(c => c.status)]);
    expect(verdicts(summarizeRun(run))).toEqual(verdicts(summarizeRun(clean!)));
    expect(run.diagnostics.map(d => d.code)).toEqual(clean!.diagnostics.map(d => d.code));
  });
});
