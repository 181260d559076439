/**
 * Property tests: the splitter and the table builder never throw on mutated or cut input, and
 * every element that is complete before the damage is kept, with its index and byte offset.
 * LTL_PROPERTY_RUNS sets the number of inputs (default 10,000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QOS_TABLE_NAMES, QosBuilder } from '../../../src/core/ingest/stats';
import { split } from './helpers';

const RUNS = Number(process.env['LTL_PROPERTY_RUNS'] ?? '10000');

/** Stats-like elements: objects whose first key is usually `webrtcStats`. */
const element = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      webrtcStats: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
      user: fc.string({ maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 3,
    }),
  },
);

type Mutation =
  | { kind: 'none' }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; byte: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.constantFrom('"', '{', '}', ']', ',', '\u0000\u0000', '},{"webrtcStats":'),
    ),
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
);

interface Layout {
  bytes: Buffer;
  /** Byte range of each element. */
  spans: { start: number; end: number }[];
}

/** The writer's layout (`[e0,e1,…]`, no whitespace), or a pretty one with newlines. */
function layout(elements: unknown[], pretty: boolean): Layout {
  const parts = elements.map(e => Buffer.from(JSON.stringify(e)));
  const open = Buffer.from(pretty ? '[\n  ' : '[');
  const sep = Buffer.from(pretty ? ',\n  ' : ',');
  const spans: Layout['spans'] = [];
  let at = open.length;
  for (const p of parts) {
    spans.push({ start: at, end: at + p.length });
    at += p.length + sep.length;
  }
  const chunks = [open];
  parts.forEach((p, i) => chunks.push(...(i > 0 ? [sep, p] : [p])));
  chunks.push(Buffer.from(pretty ? '\n]\n' : ']'));
  return { bytes: Buffer.concat(chunks), spans };
}

/** The mutated bytes and the position before which nothing changed. */
function mutate(bytes: Buffer, m: Mutation): { bytes: Buffer; intactBefore: number } {
  switch (m.kind) {
    case 'none':
      return { bytes, intactBefore: bytes.length };
    case 'cut': {
      const at = m.at % (bytes.length + 1);
      return { bytes: bytes.subarray(0, at), intactBefore: at };
    }
    case 'insert': {
      const at = m.at % (bytes.length + 1);
      return {
        bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]),
        intactBefore: at,
      };
    }
    case 'replace': {
      const at = m.at % bytes.length;
      const copy = Buffer.from(bytes);
      copy[at] = m.byte;
      return { bytes: copy, intactBefore: at };
    }
  }
}

/**
 * 10,000 inputs take 10–70 s on the shared 2-core machine depending on its load: a generous
 * guard, not a speed check (speed is the benchmarks' job).
 */
const PROPERTY_TIMEOUT_MS = 300_000;

describe('property: damaged arrays', () => {
  it(
    `never throws and keeps every element complete before the damage (${RUNS} inputs)`,
    () => {
      fc.assert(
        fc.property(
          fc.array(element, { maxLength: 6 }),
          fc.boolean(),
          mutation,
          fc.integer({ min: 1, max: 48 }),
          fc.integer({ min: 1, max: 300 }),
          // how long one parse of the fast path may be (PARSE_BYTES in the product)
          fc.integer({ min: 1, max: 400 }),
          (elements, pretty, m, chunk, batch, parse) => {
            const { bytes, spans } = layout(elements, pretty);
            const damaged = mutate(bytes, m);
            const r = split(damaged.bytes, chunk, batch, undefined, parse);
            const expected = JSON.parse(bytes.toString('utf8')) as unknown[];
            // every element whose bytes end before the damage is kept, first, in order
            const intact = spans.filter(s => s.end <= damaged.intactBefore).length;
            expect(r.values.slice(0, intact)).toEqual(expected.slice(0, intact));
            expect(r.indexes.slice(0, intact)).toEqual(spans.slice(0, intact).map((_, i) => i));
            expect(r.offsets.slice(0, intact)).toEqual(spans.slice(0, intact).map(s => s.start));
            // indexes and offsets only go forward, inside the file
            for (let k = 1; k < r.indexes.length; k++) {
              expect(r.indexes[k]).toBeGreaterThan(r.indexes[k - 1] as number);
              expect(r.offsets[k]).toBeGreaterThan(r.offsets[k - 1] as number);
            }
            for (const o of r.offsets) expect(o).toBeLessThan(damaged.bytes.length);
            if (m.kind === 'none') {
              expect(r.values).toEqual(expected);
              expect(r.diagnostics).toEqual([]);
            }
            // the table builder takes whatever came out
            const b = new QosBuilder('mem.json');
            r.values.forEach((v, k) =>
              b.addElement(v, r.indexes[k] as number, r.offsets[k] as number),
            );
            const tables = b.finishTables();
            expect(b.counts.elements).toBe(r.values.length);
            for (const n of QOS_TABLE_NAMES) expect(tables[n].rows).toBeGreaterThanOrEqual(0);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('property: odd stats items', () => {
  const media = fc.oneof(
    fc.record({
      inbound: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
      outbound: fc.jsonValue({ maxDepth: 2 }),
    }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const data = fc.oneof(
    fc.record({
      audio: media,
      video: media,
      remote: fc.oneof(fc.record({ audio: media, video: media }), fc.jsonValue({ maxDepth: 1 })),
    }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const item = fc.oneof(
    fc.record({ event: fc.constant('stats'), peerId: fc.jsonValue({ maxDepth: 1 }), data }),
    fc.jsonValue({ maxDepth: 2 }),
  );

  it(
    'never throws and counts every stats item',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ webrtcStats: fc.array(item, { maxLength: 4 }) }), { maxLength: 4 }),
          fc.boolean(),
          (elements, dedupe) => {
            const b = new QosBuilder('mem.json', { dedupe });
            elements.forEach((e, i) => b.addElement(e, i, i));
            const statsItems = elements
              .flatMap(e => e.webrtcStats)
              .filter(
                x =>
                  typeof x === 'object' &&
                  x !== null &&
                  !Array.isArray(x) &&
                  (x as { event?: unknown }).event === 'stats',
              ).length;
            expect(b.counts.statsItems).toBe(statsItems);
            const tables = b.finishTables();
            for (const n of QOS_TABLE_NAMES) {
              const t = tables[n];
              for (const c of t.columns)
                expect('values' in c ? c.values.length : c.ids.length).toBe(t.rows);
              expect(t.element.length).toBe(t.rows);
            }
          },
        ),
        { numRuns: Math.max(100, Math.round(RUNS / 5)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
