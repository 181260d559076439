/**
 * Property tests: every parser gets ≥ 10,000 mutated, truncated or generated inputs per run
 * (LTL_PROPERTY_RUNS overrides) and must never throw, must always return well-formed results,
 * and must name the file in every diagnostic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBatches } from '../../../src/core/ingest/batches';
import { parseControllerLogText } from '../../../src/core/ingest/controllerLog';
import { parseEvents } from '../../../src/core/ingest/events';
import { parseJsonArray } from '../../../src/core/ingest/jsonArray';
import { parseMedianodeCsv } from '../../../src/core/ingest/medianodeCsv';
import { parseQoeFile, parseQoeFileName } from '../../../src/core/ingest/qoe';
import type { Diagnostic } from '../../../src/core/model/diagnostic';

const RUNS = Number(process.env['LTL_PROPERTY_RUNS'] ?? 10_000);
const FILE = '/root/file';

/** Realistic seeds of each format, which the mutations start from. */
const EVENTS = JSON.stringify([
  {
    event: 'connectionStart',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:15:02.101Z',
  },
  {
    event: 'streamCreated',
    connectionId: 'str_CAM_x',
    connection: 'local',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:15:03.010Z',
  },
  {
    event: 'exception',
    reason: 'ICE failed',
    name: 'ICE_CONNECTION_FAILED',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:21:44.321Z',
  },
]);
const LOG = [
  '-------- Load Test Parameters --------',
  'OpenVidu SECRET:         s3cr3t',
  '--------------------------------------',
  '2024-06-20 12:15:00.100  INFO 1 --- [           main] i.o.l.controller.LoadTestController      : Starting test with N:N session typology',
  '2024-06-20 12:16:10.250 ERROR 1 --- [ctor-http-nio-3] i.o.l.services.BrowserEmulatorClient     : Participant User2 in session LoadTestSession1 failed 1 times',
  '2026-03-20T12:53:18.123+01:00  INFO 1 --- [main] i.o.l.utils.ResultExporter   : Saved result in /tmp/results-1.txt',
].join('\n');
const CSV =
  '@timestamp,cpu,memory\n2024-06-20T10:15:00.000Z,0.10,0.20\n2024-06-20T10:15:05.000Z,0.30,\n';
const QOE = '[{"cut_index":0,"vmaf":0.9,"visqol":0.8},{"cut_index":2,"vmaf":0.5,"visqol":0.6}]';
const BATCHES = '{"t":{"startingParticipants":2,"batchSize":4}}';

/** A seed with random edits: cut, insert, delete or replace a slice with noise or syntax. */
function mutated(seed: string): fc.Arbitrary<string> {
  const noise = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '"',
      '[',
      ']',
      '{',
      '}',
      ',',
      ':',
      '\\',
      '\n',
      '\r\n',
      '\u0000',
      '\ufffd',
      'null',
      '1e999',
      '-',
      'NaN',
      '\ud800',
    ),
  );
  const edit = fc.tuple(fc.nat(seed.length), fc.nat(16), noise);
  return fc.oneof(
    fc.nat(seed.length).map(n => seed.slice(0, n)),
    fc
      .array(edit, { minLength: 1, maxLength: 4 })
      .map(edits =>
        edits.reduce(
          (s, [at, del, ins]) =>
            s.slice(0, Math.min(at, s.length)) + ins + s.slice(Math.min(at, s.length) + del),
          seed,
        ),
      ),
    fc.string({ maxLength: 200 }),
  );
}

function wellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file).toBe(FILE);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
  }
}

const options = { numRuns: RUNS };

describe('parsers never throw on mutated input', () => {
  it('JSON arrays: elements are always an array', () => {
    fc.assert(
      fc.property(mutated(EVENTS), text => {
        const r = parseJsonArray(text, FILE);
        expect(Array.isArray(r.elements)).toBe(true);
        wellFormed(r.diagnostics);
      }),
      options,
    );
  });

  it('events.json: events sorted by time, each with a name and a finite time', () => {
    fc.assert(
      fc.property(mutated(EVENTS), text => {
        const r = parseEvents(text, FILE);
        for (let i = 0; i < r.events.length; i++) {
          const e = r.events[i]!;
          expect(e.event.length).toBeGreaterThan(0);
          expect(Number.isFinite(e.time)).toBe(true);
          if (i > 0) expect(e.time).toBeGreaterThanOrEqual(r.events[i - 1]!.time);
        }
        wellFormed(r.diagnostics);
      }),
      options,
    );
  });

  it('controller log: failures have attempts ≥ 0 and increasing line numbers; secrets never survive', () => {
    fc.assert(
      fc.property(mutated(LOG), text => {
        const r = parseControllerLogText(text, FILE);
        let prev = 0;
        for (const f of r.failures) {
          expect(f.attempts).toBeGreaterThanOrEqual(0);
          expect(f.stamp.line).toBeGreaterThan(prev);
          prev = f.stamp.line;
        }
        for (const c of r.config)
          if (/secret/i.test(c.key) && c.value !== '') expect(c.redacted).toBe(true);
        wellFormed(r.diagnostics);
      }),
      options,
    );
  });

  it('medianode CSV: equal column lengths, times sorted', () => {
    fc.assert(
      fc.property(mutated(CSV), text => {
        const { series, diagnostics } = parseMedianodeCsv(text, FILE);
        expect(series.cpu.length).toBe(series.time.length);
        expect(series.memory.length).toBe(series.time.length);
        for (let i = 1; i < series.time.length; i++)
          expect(series.time[i]!).toBeGreaterThanOrEqual(series.time[i - 1]!);
        wellFormed(diagnostics);
      }),
      options,
    );
  });

  it('QoE cuts: unique increasing cut indexes, equal column lengths', () => {
    const name = { prefix: 'v', session: 'LoadTestSession1', userFrom: 'User1', userTo: 'User2' };
    fc.assert(
      fc.property(mutated(QOE), text => {
        const r = parseQoeFile(text, FILE, name);
        for (let i = 1; i < r.cutIndex.length; i++)
          expect(r.cutIndex[i]!).toBeGreaterThan(r.cutIndex[i - 1]!);
        expect(r.vmaf.length).toBe(r.cutIndex.length);
        wellFormed(r.diagnostics);
      }),
      options,
    );
  });

  it('QoE file names: any string either parses into four non-empty parts or is refused', () => {
    fc.assert(
      fc.property(fc.oneof(mutated('v-LoadTestSession1-User1-User2_cuts.json'), fc.string()), n => {
        const r = parseQoeFileName(n);
        if (r)
          for (const part of [r.prefix, r.session, r.userFrom, r.userTo])
            expect(part).toMatch(/^[^-_]+$/);
      }),
      options,
    );
  });

  it('batches.json: entries always valid counts', () => {
    fc.assert(
      fc.property(mutated(BATCHES), text => {
        const r = parseBatches(text, FILE);
        for (const c of r.tests.values()) {
          expect(Number.isInteger(c.startingParticipants) && c.startingParticipants >= 0).toBe(
            true,
          );
          expect(Number.isInteger(c.batchSize) && c.batchSize >= 1).toBe(true);
        }
        wellFormed(r.diagnostics);
      }),
      options,
    );
  });
});
