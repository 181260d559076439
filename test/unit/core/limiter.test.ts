/** The shared open-file limiter: never more than N holders, FIFO, slots freed on failure too. */
import { describe, expect, it } from 'vitest';
import { Limiter, OPEN_FILES_AT_ONCE, openFiles } from '../../../src/core/util/limiter';

/** A promise with its resolve and reject. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>(r => setImmediate(r));

describe('Limiter', () => {
  it('runs at most N at once, in arrival order, and every call in the end', async () => {
    const limiter = new Limiter(3);
    const gates = Array.from({ length: 10 }, deferred);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        started.push(i);
        try {
          await g.promise;
        } finally {
          inFlight--;
        }
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.inFlight).toBe(3);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    // The others finish in any order; a failing call frees its slot too.
    gates[0]?.reject(new Error('EIO'));
    for (const g of gates.slice(2)) g.resolve();
    const settled = await Promise.allSettled(runs);
    expect(settled.map(s => s.status)).toEqual([
      'rejected',
      ...Array.from({ length: 9 }, () => 'fulfilled'),
    ]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
    expect(limiter.peak).toBe(3);
    expect(limiter.started).toBe(10);
    expect(limiter.inFlight).toBe(0);
  });

  it('keeps a long queue moving (thousands of waiters)', async () => {
    const limiter = new Limiter(2);
    let inFlight = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 5000 }, (_, i) =>
        limiter.run(async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await tick();
          inFlight--;
          return i;
        }),
      ),
    );
    expect(results[4999]).toBe(4999);
    expect(most).toBe(2);
  });

  it('refuses a limit below one', () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
  });

  it('is shared by the ingest with the documented size', () => {
    expect(openFiles.max).toBe(OPEN_FILES_AT_ONCE);
    expect(OPEN_FILES_AT_ONCE).toBe(32);
  });
});
