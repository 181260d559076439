/**
 * The text report's header and user start lines (issue 19): read by shape, on every line end, and
 * in time linear in the line — long lines of dashes, digits or spaces once took 90–122 s. A
 * pattern that backtracks would not finish 320 KB lines within the suite's time-out; the scaling
 * itself is measured by `npm run bench -- hostile`.
 */
import { describe, expect, it } from 'vitest';
import { blockHeader, parseResultsText, userStartParts } from '../../../src/core/runs/resultsTxt';

const BLOCK = [
  ' ----- Test Case Report Fri Mar 20 12:53:18 GMT 2026 -----',
  'Session topology: N:N',
  'User start times:',
  'Fri Mar 20 12:53:18 GMT 2026 | LoadTestSession1 | User1',
  'Fri Mar 20 12:53:20 GMT 2026 | LoadTestSession1 | User2',
  '   ---------------------',
];

describe('text report lines', () => {
  it('reads the block header between its dashes', () => {
    expect(blockHeader(BLOCK[0]!)).toBe('Fri Mar 20 12:53:18 GMT 2026');
    expect(blockHeader('---Test Case Report  x  ---')).toBe('x');
    expect(blockHeader('----- Test Case Reports x -----')).toBeUndefined();
    expect(blockHeader('-- Test Case Report x -----')).toBeUndefined();
    expect(blockHeader('----- Test Case Report x --')).toBeUndefined();
  });

  it('reads user start lines as three parts', () => {
    expect(userStartParts(BLOCK[3]!)).toEqual({
      date: 'Fri Mar 20 12:53:18 GMT 2026',
      session: 'LoadTestSession1',
      user: 'User1',
    });
    expect(userStartParts('Fri Mar 20 12:53:18 GMT 2026 | Load Test | User1')).toBeUndefined();
    expect(userStartParts('Fri Mar 20 12:53:18 GMT 26 | s | u')).toBeUndefined();
    expect(userStartParts('a 2026 | s | u | v')).toBeUndefined();
  });

  it('reads a report with CR-only, CRLF or LF line ends alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { scenarios } = parseResultsText(BLOCK.join(eol) + eol, '/r/results-1.txt');
      expect(scenarios).toHaveLength(1);
      expect(scenarios[0]!.userStarts.map(u => u.user)).toEqual(['User1', 'User2']);
    }
  });

  it('handles 320 KB hostile lines and still says what they are', () => {
    const n = 320_000;
    const lines = [
      '-'.repeat(n),
      `--- Test Case Report ${' '.repeat(n)}x`,
      `--- Test Case Report ${'-'.repeat(n)} x`,
      BLOCK[0]!,
      'User start times:',
      `${'1'.repeat(n)} ${' '.repeat(n)}|`,
      `a 2026 |${' '.repeat(n)}| b${' '.repeat(n)}c`,
      BLOCK[5]!,
    ];
    const r = parseResultsText(lines.join('\n'), '/r/results-1.txt');
    expect(r.scenarios).toHaveLength(1);
    expect(r.scenarios[0]!.userStarts).toEqual([]);
    expect(r.diagnostics.map(d => d.code)).toContain('results.badUserStart');
  });
});
