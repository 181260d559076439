/**
 * Where an entry of a JSON array file starts, to open events.json at one event. events.json is
 * often one single line, so a line number is not enough: this gives the character offset.
 */

/**
 * Character range `[start, end)` of the `index`-th element of the top-level array (from its
 * first to its last character); undefined if the array has no such element. The end is the end
 * of the text when the element is cut off.
 */
export function arrayEntryRange(text: string, index: number): [number, number] | undefined {
  let depth = 0;
  let inString = false;
  let element = -1;
  let expectValue = false;
  let start = -1;
  let last = -1; // last non-blank character of the element being read
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      last = i;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (depth === 1 && (c === 0x2c || c === 0x5d) && start >= 0) return [start, last + 1];
    if (depth === 1 && expectValue && c !== 0x5d) {
      element++;
      if (element === index) start = i;
      expectValue = false;
    }
    last = i;
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return undefined;
    } else if (c === 0x2c && depth === 1) expectValue = true;
  }
  return start >= 0 ? [start, text.length] : undefined;
}

/** The events a failure can point at: their time and array index. */
export interface TimedEntry {
  readonly time: number;
  readonly index: number;
}

/**
 * The entry that goes with a failure at `time`: the last one at or before it (the attempt that
 * failed), else the first one; undefined without entries. With no time: the first entry.
 */
export function entryForTime(entries: readonly TimedEntry[], time?: number): number | undefined {
  if (entries.length === 0) return undefined;
  let best: TimedEntry | undefined;
  for (const e of entries) {
    if (time !== undefined && e.time <= time && (!best || e.time >= best.time)) best = e;
  }
  return (best ?? entries.reduce((a, b) => (b.time < a.time ? b : a))).index;
}
