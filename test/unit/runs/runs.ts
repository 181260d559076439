// Generated runs of today's format, written once per options into a temporary folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultRunOptions,
  writeControllerRun,
  type RunGenOptions,
  type RunTruth,
} from '../../../src/generate/runs';
import {
  listRuns,
  loadRun,
  type LoadRunOptions,
  type RunData,
  type ScenarioData,
} from '../../../src/core/runs/run';

export async function generatedRun(
  patch: Partial<RunGenOptions> = {},
  load: LoadRunOptions = {},
): Promise<{ run: RunData; truth: RunTruth; dir: string }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ltl-today-')), 'run');
  const { truth } = await writeControllerRun({ ...defaultRunOptions(), ...patch }, dir);
  const [files] = await listRuns(dir);
  return { run: await loadRun(files!, load), truth, dir };
}

/** A bare scenario to build edge cases by hand. */
export function scenario(
  patch: Omit<Partial<ScenarioData>, 'report'> & { report?: Partial<ScenarioData['report']> } = {},
): ScenarioData {
  const { report, ...rest } = patch;
  return {
    name: 'x',
    report: {
      index: 1,
      topology: 'N:N',
      participantsPerSession: '2',
      userStarts: [],
      users: [],
      workerCpu: [],
      platform: [],
      sources: [{ file: '/r/report.html' }],
      ...report,
    },
    series: [],
    healthErrors: [],
    connections: [],
    log: [],
    windowStart: 0,
    windowEnd: 600_000,
    ...rest,
  };
}
