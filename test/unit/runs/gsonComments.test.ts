// 2024's test_cases.json with the comments the controller's lenient Gson reader skips. The
// expected reading is the same file written without its comments (by hand below).
import { describe, expect, it } from 'vitest';
import { withoutGsonComments } from '../../../src/core/runs/gsonComments';
import { parseRunConfig } from '../../../src/core/runs/configYaml';

const COMMENTED = [
  '{',
  '  // two sizes; the third is off for now',
  '  "testcases": [',
  '    { "typology": "N:N", "participants": [2, 4], "sessions": "infinite" }, # small',
  '    /* { "typology": "N:N", "participants": [8], "sessions": 1 }, */',
  '    { "typology": "ONE_SESSION", "participants": [10], "sessions": 1, "note": "a // b # c" }',
  '  ]',
  '}',
].join('\n');

const PLAIN = [
  '{',
  '',
  '  "testcases": [',
  '    { "typology": "N:N", "participants": [2, 4], "sessions": "infinite" },',
  '',
  '    { "typology": "ONE_SESSION", "participants": [10], "sessions": 1, "note": "a // b # c" }',
  '  ]',
  '}',
].join('\n');

describe('withoutGsonComments', () => {
  it('blanks //, # and /* */ comments outside strings, keeping lines and columns', () => {
    const out = withoutGsonComments(COMMENTED);
    expect(out.firstLine).toBe(2);
    expect(out.text.split('\n').map(l => l.trimEnd())).toEqual(PLAIN.split('\n'));
    expect(out.text.length).toBe(COMMENTED.length);
  });

  it('leaves a text without comments as it is', () => {
    expect(withoutGsonComments(PLAIN)).toEqual({ text: PLAIN });
    expect(withoutGsonComments('{"a": "x\\"//y", \'b\': \'#z\'}')).toEqual({
      text: '{"a": "x\\"//y", \'b\': \'#z\'}',
    });
  });

  it('keeps CRLF line ends and a /* */ comment over several lines', () => {
    const out = withoutGsonComments('a // x\r\n/* 1\r\n2 */b');
    expect(out.text).toBe('a     \r\n    \r\n    b');
  });
});

describe('parseRunConfig on a commented test_cases.json', () => {
  it('reads the cases the controller runs, at their lines, with a note', () => {
    const commented = parseRunConfig(COMMENTED, '/x/test_cases.json');
    const plain = parseRunConfig(PLAIN, '/x/test_cases.json');
    expect(commented.scenarios).toEqual(plain.scenarios);
    expect(commented.scenarios.map(s => [s.topology, s.participants, s.line])).toEqual([
      ['N:N', '2', 4],
      ['N:N', '4', 4],
      ['ONE_SESSION', '10', 6],
    ]);
    const note = commented.diagnostics.find(d => d.code === 'config.jsonComments');
    expect([note?.severity, note?.line]).toEqual(['info', 2]);
    expect(plain.diagnostics.map(d => d.code)).not.toContain('config.jsonComments');
  });

  it("leaves a YAML file alone (# is YAML's own comment there)", () => {
    const yaml = parseRunConfig(
      'testcases:\n  - topology: N:N # comment\n    participants: [2]\n',
      '/x/config.yaml',
    );
    expect(yaml.diagnostics.map(d => d.code)).not.toContain('config.jsonComments');
  });
});
