// Generated runs of today's format, written once per options into a temporary folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultTodayOptions,
  writeTodayRun,
  type TodayOptions,
  type TodayTruth,
} from '../../../src/core/generate/today';
import { listRuns, loadRun, type LoadRunOptions, type RunData } from '../../../src/core/today/run';

export async function generatedRun(
  patch: Partial<TodayOptions> = {},
  load: LoadRunOptions = {},
): Promise<{ run: RunData; truth: TodayTruth; dir: string }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ltl-today-')), 'run');
  const { truth } = await writeTodayRun({ ...defaultTodayOptions(), ...patch }, dir);
  const [files] = await listRuns(dir);
  return { run: await loadRun(files!, load), truth, dir };
}
