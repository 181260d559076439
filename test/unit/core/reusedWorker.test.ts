/**
 * A worker reused for a second run: the browser-emulator appends to the stats files it finds and
 * never clears stats/ (utils/stats-files.ts, 2024 and today), so every user's events.json and
 * stats.json hold the earlier run's elements before this run's. Here the earlier run is this
 * run's elements a day earlier (every ISO `timestamp` and every epoch-ms report `timestamp`
 * moved back 24 h), prepended to each file of a generated root.
 *
 * The truth is the same root without them: the default profile must write every table
 * byte for byte as it does for the clean root; the notebook profile reads them (as the notebook
 * does), so its tables differ.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/analyze';
import { defaultOptions, planRoot, writeRoot } from '../../../src/generate';

const OV2 = 'loadtest-webrtc-2024-kurento-2p';
const LK = 'loadtest-webrtc-2024-pion-8p';
const DAY = 86_400_000;

function dayEarlier(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dayEarlier);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'timestamp' || k === '@timestamp') {
        if (typeof v === 'number') return [k, v - DAY];
        if (typeof v === 'string') return [k, new Date(Date.parse(v) - DAY).toISOString()];
      }
      return [k, dayEarlier(v)];
    }),
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(n => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Every user's events.json and stats.json with the earlier run's elements in front. */
function reuse(root: string): void {
  for (const f of files(join(root, 'stats')))
    if (f.endsWith('events.json') || f.endsWith('stats.json')) {
      const now = JSON.parse(readFileSync(f, 'utf8')) as unknown[];
      writeFileSync(f, JSON.stringify([...(dayEarlier(now) as unknown[]), ...now]));
    }
}

async function analyze(root: string, profile: string): Promise<Map<string, string>> {
  const out = join(mkdtempSync(join(tmpdir(), 'ltl-reused-out-')), 'out');
  const io = { stdout: () => undefined, stderr: () => undefined };
  expect(await analyzeCommand([root, '--out', out, '--profile', profile], io)).toBe(0);
  return new Map(
    files(out)
      .filter(f => f.endsWith('.csv'))
      .map(f => [relative(out, f), readFileSync(f, 'utf8')]),
  );
}

describe("a reused worker: another run's events and samples before this run's", () => {
  let clean = '';
  let reused = '';
  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'ltl-reused-'));
    clean = join(base, 'clean');
    reused = join(base, 'reused');
    const options = {
      ...defaultOptions('2024'),
      seed: 'reused',
      tests: [OV2, LK],
      sessions: 2,
      failureRate: 4,
      holdSeconds: 20,
    };
    await writeRoot(planRoot(options), clean);
    cpSync(clean, reused, { recursive: true });
    reuse(reused);
  });

  it('default profile: every table the same as from the clean root, QoS included', async () => {
    const [a, b] = [await analyze(clean, 'default'), await analyze(reused, 'default')];
    expect([...a.keys()].some(k => k.includes('qos'))).toBe(true);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, csv] of a) expect(b.get(name), name).toBe(csv);
  });

  it('notebook profile: the earlier run is read, as the notebook reads it', async () => {
    const [a, b] = [await analyze(clean, 'notebook'), await analyze(reused, 'notebook')];
    expect(b.get('connection_stats.csv')).not.toBe(a.get('connection_stats.csv'));
    const qos = [...a.keys()].find(k => k.includes('qos'));
    expect(qos).toBeDefined();
    const rows = (m: Map<string, string>) =>
      (m.get(qos as string) ?? '').trim().split('\n').length - 1;
    expect(rows(b)).toBe(2 * rows(a));
  });
});
