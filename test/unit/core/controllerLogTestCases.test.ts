/**
 * One controller process runs every test case of its test_cases.json, each from its "Starting
 * test with" to its "Saved result in" (LoadTestController.startLoadTests, db1ae485), so a raw
 * log can hold several. test/fixtures/real/controller-logs/2024.log (35 lines: start on line 1,
 * end on line 34) twice is a log of two test cases, the second starting on line 36.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseControllerLogText, readControllerLog } from '../../../src/core/ingest/controllerLog';

const ONE = readFileSync(
  join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs', '2024.log'),
  'utf8',
);

describe('a log of several test cases', () => {
  it('is said at the second start line, naming the window read', () => {
    const log = parseControllerLogText(ONE + ONE + ONE, 'three.log');
    const found = log.diagnostics.filter(d => d.code === 'log.moreTestCases');
    expect(found.map(d => d.line)).toEqual([36]);
    expect(found[0]?.message).toContain('This log holds 3 test cases');
    expect(found[0]?.message).toContain('also on lines 36, 71');
    expect(found[0]?.message).toContain('The test is the first one (line 1–34)');
    expect([log.start?.line, log.end?.line]).toEqual([1, 34]);
  });

  it('reads the same from the file (the streamed reader skips lines by needle)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ltl-cases-')), 'two.log');
    writeFileSync(file, ONE + ONE);
    const log = await readControllerLog(file);
    expect(log.diagnostics.filter(d => d.code === 'log.moreTestCases').map(d => d.line)).toEqual([
      36,
    ]);
  });

  it('a log of one test case says nothing of it', () => {
    const log = parseControllerLogText(ONE, 'one.log');
    expect(log.diagnostics.filter(d => d.code === 'log.moreTestCases')).toEqual([]);
  });
});
