// A real run folder of today's controller (test/fixtures/real/report-locales/en-US: its report,
// its text report and the config.yaml it kept) against configuration files: its own YAML, the
// same YAML elsewhere, and an edited one. Expected counts are the YAML's own numbers
// (participants × sessions: 8 × 4 = 32, 16 × 64 = 1024), read by hand.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lensTitle,
  readConfigFile,
  recordedControllerRun,
  runsOfCase,
} from '../../../src/core/compare/configLens';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';

const FOLDER = resolve('test/fixtures/real/report-locales/en-US');
const YAML = readFileSync(join(FOLDER, 'config.yaml'), 'utf8');

async function theRun() {
  const data = await loadRun((await listRuns(FOLDER))[0]!);
  return recordedControllerRun(
    { key: 'run', name: 'Run 2026-07-01_10-00-00', start: undefined },
    data,
    summarizeRun(data),
  );
}

describe('a controller run folder against configuration files', () => {
  it('its own YAML, copied anywhere, finds the run above every test case', async () => {
    const run = await theRun();
    const file = readConfigFile(YAML, '/elsewhere/load-test.yaml')!;
    expect(file.cases).toHaveLength(3);
    const titles = file.cases.map(c => lensTitle(c, runsOfCase(c, [run]), Date.now()));
    expect(titles[0]).toMatch(/^Last run: (VALID|SUSPECT|INVALID) · \d+\/32 participants · /);
    expect(titles[1]).toMatch(/^Last run: (VALID|SUSPECT|INVALID) · \d+\/1024 participants · /);
    expect(titles[2]).toMatch(/\/32 participants/);
  });
  it('an edited test case (other participants, another browser) has no run', async () => {
    const run = await theRun();
    const edited = YAML.replace('participants: ["16"]', 'participants: ["12"]').replace(
      /browser: emulated\n {4}description: "8 per room, forwarding"/,
      'browser: chrome\n    description: "8 per room, forwarding"',
    );
    const file = readConfigFile(edited, 'config.yaml')!;
    expect(file.cases.map(c => lensTitle(c, runsOfCase(c, [run]), 0))).toEqual([
      // The first case now asks chrome: not what ran; the third still matches a report.
      'No run of this config found',
      'No run of this config found',
      expect.stringMatching(/^Last run: /),
    ]);
  });
});
