/**
 * Narrow, lossless storage for the columns of the QoS tables (docs/ingest-stats.md, "Storage").
 * Most RTCStats fields are small integer counters, and most string columns have a handful of
 * distinct values, so a Float64Array / Int32Array per column wastes most of its bytes. A column is
 * stored in the narrowest typed array that holds every one of its values exactly:
 *
 * - numbers: Uint8 / Uint16 / Int32 / Uint32 when every value is an integer in range (never -0),
 *   else Float32 when every value survives `Math.fround` unchanged, else Float64. A missing row
 *   holds the array type's sentinel (the largest unsigned value, -2^31 for Int32, NaN for floats),
 *   which no stored value can equal because the range check leaves it out.
 * - dictionary ids: Uint8 / Uint16 / Int32 by dictionary size; missing = 255 / 65535 / -1.
 *
 * Reading goes through `numberAt` / `idAt`, which give NaN / -1 for a missing row, so every value
 * read back is bit for bit the value parsed from the JSON.
 */

export type NumberArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
export type IdArray = Int32Array | Uint16Array | Uint8Array;

const INT32_MISSING = -0x80000000;
const UINT32_MISSING = 0xffffffff;

/** The value a missing row holds in an array of this type. */
export function missingOf(a: NumberArray): number {
  if (a instanceof Float64Array || a instanceof Float32Array) return NaN;
  if (a instanceof Int32Array) return INT32_MISSING;
  if (a instanceof Uint32Array) return UINT32_MISSING;
  return a instanceof Uint16Array ? 0xffff : 0xff;
}

export function missingIdOf(a: IdArray): number {
  if (a instanceof Int32Array) return -1;
  return a instanceof Uint16Array ? 0xffff : 0xff;
}

/** Row `r` of a number array; NaN when missing. */
export function numberIn(a: NumberArray, r: number): number {
  const v = a[r] as number;
  return v === missingOf(a) ? NaN : v;
}

/** What a set of numbers needs to be stored exactly. */
export interface NumberRange {
  /** Every value is an integer (and none is -0). */
  ints: boolean;
  /** Every value equals its float32 rounding. */
  float32: boolean;
  min: number;
  max: number;
}

export function emptyRange(): NumberRange {
  return { ints: true, float32: true, min: Infinity, max: -Infinity };
}

/** Widens `range` by the non-missing values of `a` (any storage). */
export function addRange(range: NumberRange, a: NumberArray, length = a.length): NumberRange {
  const missing = missingOf(a);
  const integral = !(a instanceof Float64Array || a instanceof Float32Array);
  let { ints, float32, min, max } = range;
  for (let r = 0; r < length; r++) {
    const v = a[r] as number;
    if (v === missing || v !== v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral) continue;
    if (ints && (!Number.isInteger(v) || Object.is(v, -0))) ints = false;
    if (float32 && Math.fround(v) !== v) float32 = false;
  }
  if (a instanceof Float32Array || !integral) return { ints, float32, min, max };
  // Integers from an integer array: float32-exact while within ±2^24.
  return { ints, float32: float32 && min >= -16777216 && max <= 16777216, min, max };
}

/** An empty array of the narrowest type that stores every value of `range` exactly. */
export function numberArrayFor(range: NumberRange, rows: number): NumberArray {
  const { ints, float32, min, max } = range;
  let a: NumberArray;
  if (min > max) a = new Uint8Array(rows);
  else if (ints && min >= 0 && max < 0xff) a = new Uint8Array(rows);
  else if (ints && min >= 0 && max < 0xffff) a = new Uint16Array(rows);
  else if (ints && min > INT32_MISSING && max <= 0x7fffffff) a = new Int32Array(rows);
  else if (ints && min >= 0 && max < UINT32_MISSING) a = new Uint32Array(rows);
  else if (float32) a = new Float32Array(rows);
  else a = new Float64Array(rows);
  return a.fill(missingOf(a));
}

/** Copies `from[0..length)` into `into` at `offset`, missing rows as `into`'s sentinel. */
export function copyNumbers(
  into: NumberArray,
  offset: number,
  from: NumberArray,
  length = from.length,
): void {
  if (into.constructor === from.constructor) {
    into.set(from.subarray(0, length) as never, offset);
    return;
  }
  const was = missingOf(from);
  const now = missingOf(into);
  for (let r = 0; r < length; r++) {
    const v = from[r] as number;
    into[offset + r] = v === was || v !== v ? now : v;
  }
}

/** The first `length` values of `from` in the narrowest exact storage (a copy). */
export function narrowNumbers(from: NumberArray, length = from.length): NumberArray {
  const into = numberArrayFor(addRange(emptyRange(), from, length), length);
  copyNumbers(into, 0, from, length);
  return into;
}

/** An id array for a dictionary of `size` entries, every row missing. */
export function idArrayFor(size: number, rows: number): IdArray {
  if (size < 0xff) return new Uint8Array(rows).fill(0xff);
  if (size < 0xffff) return new Uint16Array(rows).fill(0xffff);
  return new Int32Array(rows).fill(-1);
}

/** The first `length` ids of `from` (-1 = missing) stored for a dictionary of `size` entries. */
export function narrowIds(from: Int32Array, size: number, length = from.length): IdArray {
  const into = idArrayFor(size, length);
  if (into instanceof Int32Array) into.set(from.subarray(0, length));
  else for (let r = 0; r < length; r++) if ((from[r] as number) >= 0) into[r] = from[r] as number;
  return into;
}
