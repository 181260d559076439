// Writes a generated run of today's format into a new folder; never writes over files.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertWritableRoot } from '../writer';
import type { RunTruth } from './model';
import type { RunGenOptions } from './options';
import { planRun, truthOf, type RunPlan } from './plan';
import {
  renderChunkErrors,
  renderConfig,
  renderHtml,
  renderLog,
  renderMetricbeatNdjson,
  renderPlatformNdjson,
  renderText,
} from './render';

export { defaultRunOptions } from './options';
export type { RunGenOptions } from './options';
export type { RunTruth } from './model';
export { planRun } from './plan';

/** Relative path → content of every file of the run. */
export function runFiles(plan: RunPlan): Map<string, string> {
  const files = new Map<string, string>();
  const id = plan.runId;
  const o = plan.options;
  files.set(`report-${id}.html`, renderHtml(plan));
  if (o.txt !== 'none') files.set(`results-${id}.txt`, renderText(plan));
  files.set('config.yaml', renderConfig(plan));
  files.set(
    'logs/controller.log',
    renderLog(plan, `/opt/openvidu-loadtest/results/results-${id}.txt`),
  );
  if (o.metricsExport) {
    files.set('metrics/platform-metrics.ndjson', renderPlatformNdjson(plan));
    files.set('metrics/metricbeat.ndjson', renderMetricbeatNdjson(plan));
  }
  for (const s of plan.scenarios) {
    s.rooms.forEach((r, i) => {
      const dir = `stats/${r.session}/${r.identity}`;
      files.set(`${dir}/errors.json`, renderChunkErrors(plan, s, i));
      for (const name of ['events.json', 'stats.json', 'connections.json'])
        files.set(`${dir}/${name}`, '[]');
    });
  }
  return files;
}

export async function writeControllerRun(
  options: RunGenOptions,
  dir: string,
): Promise<{ truth: RunTruth; files: number }> {
  await assertWritableRoot(dir);
  const plan = planRun(options);
  const files = runFiles(plan);
  for (const [rel, content] of files) {
    const full = join(dir, rel);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content, { flag: 'wx' });
  }
  return { truth: truthOf(plan), files: files.size };
}
