/**
 * The host side of the run webview, without VS Code: runs of today's format written by the
 * generator (clean, tripped, large), read by the core and turned into the `runView` messages
 * RunSession sends, with the generator's ground truth for the DOM test to compare with.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunOptions, writeControllerRun, type RunGenOptions } from '../../src/generate/runs';
import { listRuns, loadRun } from '../../src/core/runs/run';
import { summarizeRun } from '../../src/core/runs/summary';
import { runViewVM } from '../../src/core/viewmodel/runView';
/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;

export async function runHost(patch: Partial<RunGenOptions> = {}) {
  const dir = join(mkdtempSync(join(tmpdir(), 'ltl-dom-run-')), 'run');
  const { truth } = await writeControllerRun({ ...defaultRunOptions(), ...patch }, dir);
  const run = await loadRun((await listRuns(dir))[0]!);
  const message: HostMessage = { type: 'runView', run: runViewVM(run, summarizeRun(run)) };
  return { dir, truth, message };
}
