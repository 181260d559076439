import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/generate/prng';
import { planRoot } from '../../../src/generate/plan';
import { cleanup, generate, smallOptions, treeHash } from './helpers';

describe('determinism', () => {
  const dirs: string[] = [];
  let hashes: string[] = [];

  beforeAll(async () => {
    const seeds = ['alpha', 'alpha', 'beta'];
    for (const seed of seeds) {
      const { dir } = await generate(
        smallOptions({
          seed,
          statsInterval: 20,
          statsPoll: 10,
          sessionsByTest: {
            'loadtest-webrtc-2024-kurento-2p': 2,
            'loadtest-webrtc-2024-mediasoup-3p-10s': 1,
            'loadtest-webrtc-2024-pion-8p': 1,
          },
        }),
        'det',
      );
      dirs.push(dir);
    }
    hashes = await Promise.all(dirs.map(treeHash));
  });
  afterAll(async () => Promise.all(dirs.map(cleanup)));

  it('gives byte-identical trees for the same options and seed', () => {
    expect(hashes[0]).toBe(hashes[1]);
  });

  it('gives a different tree for another seed', () => {
    expect(hashes[2]).not.toBe(hashes[0]);
  });

  it('plans identically for equal options', () => {
    const a = planRoot(smallOptions({ seed: 'p' }));
    const b = planRoot(smallOptions({ seed: 'p' }));
    expect(JSON.stringify(a.tests.map(t => t.users))).toBe(
      JSON.stringify(b.tests.map(t => t.users)),
    );
  });
});

describe('Rng', () => {
  it('repeats its sequence for a seed and forks independently', () => {
    const a = new Rng('s');
    const b = new Rng('s');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(new Rng('t').next()).not.toBe(seqA[0]);
    const f1 = new Rng('s').fork('x', 1).next();
    expect(new Rng('s').fork('x', 1).next()).toBe(f1);
    expect(new Rng('s').fork('x', 2).next()).not.toBe(f1);
  });

  it('stays in range', () => {
    const r = new Rng('range');
    for (let i = 0; i < 1000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
  });
});
