/**
 * Typed arrays that grow by doubling, pre-filled with a "missing" value, so a row that never
 * receives a value reads as missing (NaN / -1) without any padding pass.
 */

function capacityFor(current: number, needed: number): number {
  return Math.max(16, current * 2, needed);
}

export class GrowableFloat64 {
  data: Float64Array;
  constructor(capacity = 16) {
    this.data = new Float64Array(capacity).fill(NaN);
  }

  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
  }

  private grow(needed: number): void {
    const next = new Float64Array(capacityFor(this.data.length, needed)).fill(NaN);
    next.set(this.data);
    this.data = next;
  }

  /** A view of the first `n` values (missing ones are NaN), for a copy into narrower storage. */
  prefix(n: number): Float64Array {
    if (n > this.data.length) this.grow(n);
    return this.data.subarray(0, n);
  }

  /** A right-sized copy of the first `n` values (missing ones are NaN). */
  finish(n: number): Float64Array {
    const out = new Float64Array(n).fill(NaN);
    out.set(this.data.subarray(0, Math.min(n, this.data.length)));
    return out;
  }
}

export class GrowableInt32 {
  data: Int32Array;
  constructor(
    private readonly missing: number,
    capacity = 16,
  ) {
    this.data = new Int32Array(capacity).fill(missing);
  }

  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
  }

  private grow(needed: number): void {
    const next = new Int32Array(capacityFor(this.data.length, needed)).fill(this.missing);
    next.set(this.data);
    this.data = next;
  }

  /** A view of the first `n` values (missing ones are the missing value). */
  prefix(n: number): Int32Array {
    if (n > this.data.length) this.grow(n);
    return this.data.subarray(0, n);
  }

  finish(n: number): Int32Array {
    const out = new Int32Array(n).fill(this.missing);
    out.set(this.data.subarray(0, Math.min(n, this.data.length)));
    return out;
  }
}
