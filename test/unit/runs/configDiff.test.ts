// The YAML keys two runs' configurations differ in (src/core/runs/configDiff.ts), on two
// hand-written configurations: values as read (secrets redacted), keys on one side only, and a
// key set in one file to the schema's default is no difference.
import { describe, expect, it } from 'vitest';
import { configDiff } from '../../../src/core/runs/configDiff';
import { parseRunConfig } from '../../../src/core/runs/configYaml';

const BASELINE = `platform:
  url: wss://a.example.org
  apiKey: key-a
  apiSecret: secret-one
session:
  secondsBetweenTestCases: 20
testcases:
  - topology: "N:N"
    participants: ["4", "8"]
    sessions: 4
    browser: emulated
monitoring:
  elasticsearch:
    password: pass-a
`;

const CANDIDATE = `platform:
  url: wss://b.example.org
  apiKey: key-a
  apiSecret: secret-two
session:
  secondsBetweenTestCases: 20
  secondsBetweenSessions: 0
testcases:
  - topology: "N:N"
    participants: ["4", "8"]
    sessions: 6
    browser: emulated
distribution:
  usersPerWorker: 10
monitoring:
  elasticsearch:
    password: pass-b
`;

describe('config diff of two hand-written YAMLs', () => {
  const diff = configDiff(
    parseRunConfig(BASELINE, 'a.yaml').rows,
    parseRunConfig(CANDIDATE, 'b.yaml').rows,
  );
  it('lists exactly the keys whose values differ, baseline order first', () => {
    expect(diff).toEqual([
      {
        path: 'platform.url',
        baseline: 'wss://a.example.org',
        candidate: 'wss://b.example.org',
        defaulted: [false, false],
      },
      { path: 'testcases[0].sessions', baseline: '4', candidate: '6', defaulted: [false, false] },
      { path: 'distribution.usersPerWorker', candidate: '10', defaulted: [false, false] },
    ]);
  });
  it('never shows or compares a secret (both read as REDACTED)', () => {
    const text = JSON.stringify(diff);
    for (const secret of ['secret-one', 'secret-two', 'pass-a', 'pass-b'])
      expect(text).not.toContain(secret);
    expect(diff.map(d => d.path)).not.toContain('platform.apiSecret');
  });
  it('a key written with its default value is not a difference', () => {
    // secondsBetweenSessions: 0 in the candidate only; the baseline's default is 0.
    expect(diff.map(d => d.path)).not.toContain('session.secondsBetweenSessions');
  });
});
