/**
 * One bad element in the middle of events.json, a QoE cuts file or errors.json costs only that
 * element (issue 19: one `NaN` used to drop the 16,000 events after it), a truly cut file keeps
 * every complete element, and the recovery is linear: the characters JSON.parse is given grow
 * with the file, not with its square (the old recovery re-parsed every prefix).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseEvents } from '../../../src/core/ingest/events';
import { parseJsonArray } from '../../../src/core/ingest/jsonArray';
import { parseQoeFile } from '../../../src/core/ingest/qoe';
import { parseErrorsJson } from '../../../src/core/runs/emulatorFiles';

/** An event of user `i`, one per second from 10:00:00 (the text the emulator writes). */
function eventText(i: number): string {
  const t = new Date(Date.UTC(2024, 5, 20, 10, 0, i)).toISOString();
  return `{"event":"connectionStart","participant":"User1","session":"LoadTestSession1","timestamp":"${t}","n":${i}}`;
}

/** `n` events with element `bad` replaced by `badText`. */
function eventsWithBad(n: number, bad: number, badText: string): string {
  const parts = Array.from({ length: n }, (_, i) => (i === bad ? badText : eventText(i)));
  return `[${parts.join(',\n')}]`;
}

describe('events.json with one bad element in the middle', () => {
  it.each([
    ['a NaN value inside the element', '{"event":"connectionStart","timestamp":NaN}'],
    ['a bare NaN element', 'NaN'],
    ['an unterminated string', '{"event":"connectionStart","timestamp":"2024-06-20T10:00'],
    ['garbage bytes', '{"event":]}'],
  ])('%s: keeps the other 999 events with their own array positions', (_, badText) => {
    // 1,000 elements (lines 1 … 1000), element 3 (line 4) broken: 999 remain, by construction.
    const r = parseEvents(eventsWithBad(1000, 3, badText), '/r/events.json');
    expect(r.events).toHaveLength(999);
    expect(r.events.map(e => e.index)).toEqual([
      0,
      1,
      2,
      ...Array.from({ length: 996 }, (_, k) => k + 4),
    ]);
    const errors = r.diagnostics.filter(d => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatchObject({ file: '/r/events.json', line: 4 });
    // Where the element is recognisable as one, its index is named.
    if (errors[0]?.code === 'json.badElement') expect(errors[0]?.jsonPath).toBe('[3]');
    expect(r.diagnostics.some(d => d.code === 'json.truncated')).toBe(false);
  });

  it('a file cut mid-write still says so and keeps every complete element', () => {
    const whole = eventsWithBad(10, -1, '');
    const cut = whole.slice(0, whole.lastIndexOf('"timestamp"'));
    const r = parseEvents(cut, '/r/events.json');
    expect(r.events.map(e => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.diagnostics.map(d => d.code)).toEqual(['json.truncated']);
    expect(r.diagnostics[0]?.message).toContain('kept the 9 complete element(s)');
    // The browser-emulator writes nothing after a cut (it appends only behind a final "]").
    expect(r.diagnostics[0]?.message).toContain('nothing it received after the cut was written');
    // A QoE cuts file is the QoE script's: no such claim about it.
    const qoe = parseJsonArray(cut, '/r/v-LoadTestSession1-User1-User2_cuts.json');
    expect(qoe.diagnostics.map(d => d.code)).toEqual(['json.truncated']);
    expect(qoe.diagnostics[0]?.message).not.toContain('browser-emulator');
  });

  it('a bad element and a cut: the bad one is skipped, the cut reported, the rest kept', () => {
    const whole = eventsWithBad(10, 2, '{"event":NaN}');
    const r = parseEvents(whole.slice(0, whole.length - 20), '/r/events.json');
    expect(r.events.map(e => e.index)).toEqual([0, 1, 3, 4, 5, 6, 7, 8]);
    expect(r.diagnostics.map(d => d.code).sort()).toEqual(['json.badElement', 'json.truncated']);
  });
});

describe('QoE cuts and errors.json with one bad element', () => {
  const name = { prefix: 'v', session: 'LoadTestSession1', userFrom: 'User1', userTo: 'User2' };

  it('QoE: the cuts after a NaN are kept', () => {
    const cuts = Array.from({ length: 6 }, (_, i) =>
      i === 1
        ? '{"cut_index":1,"vmaf":NaN,"visqol":0.5}'
        : `{"cut_index":${i},"vmaf":0.${i + 1},"visqol":0.5}`,
    );
    const r = parseQoeFile(`[${cuts.join(',')}]`, '/r/q_cuts.json', name);
    expect(Array.from(r.cutIndex)).toEqual([0, 2, 3, 4, 5]);
    expect(Array.from(r.vmaf)).toEqual([0.1, 0.3, 0.4, 0.5, 0.6]);
    expect(r.diagnostics.find(d => d.code === 'json.badElement')?.jsonPath).toBe('[1]');
  });

  it('errors.json: the health errors after a bad one are kept, with their positions', () => {
    const text =
      '[{"event":"run-not-running","reason":"a"},{"event":"x","reason":undefined},' +
      '{"event":"fatal-log-indicator","reason":"c"},{"event":"run-not-running","reason":"d"}]';
    const r = parseErrorsJson(text, '/r/errors.json', 'room', 'who');
    expect(r.errors.map(e => [e.reason, e.at.index])).toEqual([
      ['a', 0],
      ['c', 2],
      ['d', 3],
    ]);
    expect(r.diagnostics.map(d => [d.code, d.jsonPath])).toEqual([['json.badElement', '[1]']]);
  });
});

describe('recovery is linear', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Characters given to JSON.parse while reading `text`. */
  function parsedChars(text: string): number {
    let chars = 0;
    const parse = JSON.parse.bind(JSON);
    vi.spyOn(JSON, 'parse').mockImplementation(
      (s: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
        chars += s.length;
        return parse(s, reviver) as unknown;
      },
    );
    parseJsonArray(text, 'f');
    vi.restoreAllMocks();
    return chars;
  }

  /** `n` events, every 100th broken (NaN), the last one cut. */
  function damaged(n: number): string {
    const parts = Array.from({ length: n }, (_, i) =>
      i % 100 === 50 ? '{"event":NaN}' : eventText(i),
    );
    const text = `[${parts.join(',')}]`;
    return text.slice(0, text.length - 30);
  }

  it('parses a bounded multiple of the text, at n and at 2n', () => {
    const small = damaged(2000);
    const big = damaged(4000);
    const a = parsedChars(small);
    const b = parsedChars(big);
    // Each character is parsed a few times at most (whole-text attempts, then element by
    // element); re-parsing every prefix would be thousands of times.
    expect(a / small.length).toBeLessThan(5);
    expect(b / big.length).toBeLessThan(5);
    expect(b / a).toBeLessThan(2.2);
  });
});
