// `loadtest-lens generate` options, refusal to overwrite, --truth.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCommand, parseGenerateArgs } from '../../../src/cli/generate';
import { parseTestName, validateOptions, defaultOptions } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { OutputExistsError, writeRoot } from '../../../src/generate/writer';
import { listFiles, tempDir } from './helpers';

function io(): {
  out: string[];
  err: string[];
  io: { stdout: (t: string) => void; stderr: (t: string) => void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: t => void out.push(t), stderr: t => void err.push(t) } };
}

const SMALL = [
  '--tests',
  'loadtest-webrtc-2024-kurento-2p:2,loadtest-webrtc-2024-pion-8p:1',
  '--duration',
  '20',
  '--stats-interval',
  '10',
  '--stats-poll',
  '10',
];

describe('generate command', () => {
  it('prints every option with --help', async () => {
    const c = io();
    expect(await generateCommand(['--help'], c.io)).toBe(0);
    const help = c.out.join('');
    for (const flag of [
      '--out',
      '--seed',
      '--format',
      '--tests',
      '--sessions',
      '--duration',
      '--no-stats',
      '--stats-interval',
      '--log-tz',
      '--truth',
      '--base-date',
    ]) {
      expect(help).toContain(flag);
    }
  });

  it('needs --out and rejects unknown options and bad test names with exit 2', async () => {
    const c = io();
    expect(await generateCommand([], c.io)).toBe(2);
    expect(await generateCommand(['--out', '/tmp/x', '--frobnicate', '1'], c.io)).toBe(2);
    expect(
      await generateCommand(
        ['--out', '/tmp/x', '--tests', 'loadtest-webrtc-2024-kurento-5p'],
        c.io,
      ),
    ).toBe(2);
    expect(c.err.join('')).toContain('is_publisher');
  });

  it('generates a root, prints a summary and writes the truth outside it', async () => {
    const parent = await tempDir('cli');
    const out = join(parent, 'root');
    const truth = join(parent, 'truth.json');
    const c = io();
    expect(
      await generateCommand(['--out', out, '--seed', 's1', '--truth', truth, ...SMALL], c.io),
    ).toBe(0);
    expect(c.out.join('')).toMatch(/Generated 2 tests, 12 users, \d+ files, .* in [\d.]+ s/);
    expect((await readdir(out)).sort()).toEqual(['dfs_final', 'logs', 'qoe', 'stats']);
    const t = JSON.parse(await readFile(truth, 'utf8')) as {
      tests: { name: string; users: unknown[] }[];
    };
    expect(t.tests.map(x => [x.name, x.users.length])).toEqual([
      ['loadtest-webrtc-2024-kurento-2p', 4],
      ['loadtest-webrtc-2024-pion-8p', 8],
    ]);
  });

  it('refuses a non-empty --out (exit 2) and writes nothing there', async () => {
    const parent = await tempDir('refuse');
    const out = join(parent, 'root');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'mine');
    const c = io();
    expect(await generateCommand(['--out', out, ...SMALL], c.io)).toBe(2);
    expect(c.err.join('')).toContain('not empty');
    expect(await readdir(out)).toEqual(['keep.txt']);
    await expect(
      writeRoot(
        planRoot({ ...defaultOptions(), tests: ['loadtest-webrtc-2024-kurento-2p'], sessions: 1 }),
        out,
      ),
    ).rejects.toBeInstanceOf(OutputExistsError);
  });

  it('refuses a --truth file inside the root', async () => {
    const parent = await tempDir('truth');
    const out = join(parent, 'root');
    const c = io();
    expect(
      await generateCommand(['--out', out, '--truth', join(out, 'truth.json'), ...SMALL], c.io),
    ).toBe(2);
    expect(c.err.join('')).toContain('outside');
    await expect(readdir(out)).rejects.toThrow();
  });

  it('parses --flag=value, per-test sessions and switches', () => {
    const p = parseGenerateArgs([
      '--out=/tmp/r',
      '--format',
      'current',
      '--tests',
      'a-kurento-2p:3,b-pion-8p',
      '--no-stats',
      '--log-tz=+01:00',
    ]);
    expect(p.out).toBe('/tmp/r');
    expect(p.options.format).toBe('current');
    expect(p.options.baseDate).toBe('2026-07-01');
    expect(p.options.tests).toEqual(['a-kurento-2p', 'b-pion-8p']);
    expect(p.options.sessionsByTest).toEqual({ 'a-kurento-2p': 3 });
    expect(p.options.stats).toBe(false);
    expect(p.options.logTz).toBe('+01:00');
  });
});

describe('test names', () => {
  it('reads server, family and topology', () => {
    expect(parseTestName('loadtest-webrtc-2024-mediasoup-3p-10s')).toMatchObject({
      server: 'mediasoup',
      family: 'ov2',
      publishers: 3,
      subscribers: 10,
    });
    expect(parseTestName('loadtest-webrtc-ov3-8p-pion')).toMatchObject({
      server: 'pion',
      family: 'livekit',
      publishers: 8,
      subscribers: 0,
    });
  });

  it('refuses names the notebook would misread or cannot parse', () => {
    expect(() => parseTestName('loadtest-webrtc-2024-kurento-4p')).toThrow(/is_publisher/);
    expect(() => parseTestName('loadtest-webrtc-2024-kurento-2p-10s')).toThrow(/is_publisher/);
    expect(() => parseTestName('loadtest-webrtc-2024-janus-2p')).toThrow(/media server/);
    expect(() => parseTestName('loadtest webrtc kurento 2p')).toThrow();
    expect(validateOptions({ ...defaultOptions(), statsPoll: 5, statsInterval: 2 })).toContain(
      'stats poll must not exceed the stats interval',
    );
  });
});

describe('generate --sample', () => {
  it('writes the committed samples/demo byte for byte (the extension’s Open the Sample)', async () => {
    const c = io();
    const out = join(await tempDir('sample'), 'root');
    expect(await generateCommand(['--sample', '--out', out], c.io)).toBe(0);
    const committed = join(__dirname, '../../../samples/demo');
    const files = await listFiles(committed);
    expect(await listFiles(out)).toEqual(files);
    for (const file of files) {
      const [a, b] = await Promise.all([
        readFile(join(out, file)),
        readFile(join(committed, file)),
      ]);
      expect(a.equals(b), file).toBe(true);
    }
  });

  it('lets options after it override the sample’s', () => {
    const parsed = parseGenerateArgs(['--sample', '--seed', 'other', '--out', '/tmp/x']);
    expect(parsed.options.seed).toBe('other');
    expect(parsed.options.holdSeconds).toBe(45);
  });
});
