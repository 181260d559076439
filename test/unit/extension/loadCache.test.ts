import { describe, expect, it } from 'vitest';
import { isCancellation, LoadCache } from '../../../src/extension/loadCache';

function abortError(): Error {
  const err = new Error('Ingest was cancelled.');
  err.name = 'AbortError';
  return err;
}

/** Lets the cache's own rejection handler run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('LoadCache', () => {
  it('shares one load between askers', async () => {
    const cache = new LoadCache<number>();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const [a, b] = await Promise.all([cache.get('r', load), cache.get('r', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
  });

  it('drops a failed load, so the next asker reads again', async () => {
    const cache = new LoadCache<number>();
    let loads = 0;
    const failing = () => (++loads, Promise.reject(new Error('EACCES')));
    await expect(cache.get('r', failing)).rejects.toThrow('EACCES');
    await settle();
    await expect(cache.get('r', () => Promise.resolve(7))).resolves.toBe(7);
    expect(loads).toBe(1);
  });

  it('keeps a cancelled load until it is dropped: re-asking does not restart the read', async () => {
    const cache = new LoadCache<number>();
    let loads = 0;
    const cancelled = () => (++loads, Promise.reject(abortError()));
    await expect(cache.get('r', cancelled)).rejects.toThrow('cancelled');
    await settle();
    await expect(cache.get('r', cancelled)).rejects.toThrow('cancelled');
    expect(loads).toBe(1);
    cache.drop('r');
    await expect(cache.get('r', () => Promise.resolve(3))).resolves.toBe(3);
  });

  it('dropWhere drops the keys it picks and keeps the others', async () => {
    const cache = new LoadCache<string>();
    await cache.get('/a\u00001', () => Promise.resolve('a1'));
    await cache.get('/b\u00001', () => Promise.resolve('b1'));
    cache.dropWhere(k => k.startsWith('/a\u0000'));
    await expect(cache.get('/a\u00001', () => Promise.resolve('a2'))).resolves.toBe('a2');
    await expect(cache.get('/b\u00001', () => Promise.resolve('b2'))).resolves.toBe('b1');
  });

  it('drop() without a key drops every root', async () => {
    const cache = new LoadCache<string>();
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    cache.drop();
    await expect(cache.get('a', () => Promise.resolve('a2'))).resolves.toBe('a2');
    await expect(cache.get('b', () => Promise.resolve('b2'))).resolves.toBe('b2');
  });

  it('a failure of a load that was already dropped does not drop its successor', async () => {
    const cache = new LoadCache<number>();
    let fail!: (e: Error) => void;
    const first = cache.get('r', () => new Promise<number>((_, reject) => (fail = reject)));
    cache.drop('r');
    const second = cache.get('r', () => new Promise<number>(() => {}));
    fail(new Error('late'));
    await expect(first).rejects.toThrow('late');
    await settle();
    expect(cache.get('r', () => Promise.resolve(0))).toBe(second);
  });

  it('tells cancellations from other errors', () => {
    expect(isCancellation(abortError())).toBe(true);
    expect(isCancellation(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isCancellation(new Error('AbortError'))).toBe(false);
    expect(isCancellation('AbortError')).toBe(false);
  });
});
