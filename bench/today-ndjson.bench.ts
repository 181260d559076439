/**
 * Today's runs: streaming a large Metricbeat NDJSON export (issue 18: a 560 MiB export failed
 * with "string longer than …"). Generates exports of doubling size (default 32, 64, 128 MiB;
 * `LTL_NDJSON_MIB=600` makes the largest one 600 MiB, past V8's longest string) of realistic
 * Metricbeat documents (~1.2 KB: host, agent, event, metricset and the system.cpu / memory
 * fields) for 4 media nodes, a master node and 40 workers, then reads each with
 * `readPlatformDocsFile`. Prints time, throughput, the time ratio per doubling (linear ≈ 2) and the
 * peak RSS above the baseline, which stays near the points read, not the file's size.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readPlatformDocsFile } from '../src/core/runs/platformDocs';

const dir = resolve('bench-results', 'today-ndjson');
const MiB = 1024 * 1024;

const NODES = [
  ...Array.from({ length: 4 }, (_, i) => ({ host: `media-${i + 1}`, role: 'medianode' })),
  { host: 'master-1', role: 'masternode' },
  ...Array.from({ length: 40 }, (_, i) => ({ host: `worker-${i + 1}`, role: 'browseremulator' })),
];

function doc(i: number): string {
  const node = NODES[i % NODES.length]!;
  const t = Date.UTC(2026, 6, 1, 10) + Math.floor(i / NODES.length) * 10_000;
  return JSON.stringify({
    '@timestamp': new Date(t).toISOString(),
    agent: { hostname: node.host, type: 'metricbeat', version: '8.13.4', id: `a-${node.host}` },
    host: {
      name: node.host,
      hostname: node.host,
      architecture: 'x86_64',
      os: { platform: 'ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', kernel: '6.5.0-1018' },
    },
    fields: { node_role: node.role },
    event: { dataset: 'system.cpu', module: 'system', duration: 181_204 },
    metricset: { name: 'cpu', period: 10_000 },
    service: { type: 'system' },
    system: {
      cpu: {
        cores: 8,
        total: { pct: ((i * 37) % 800) / 100, norm: { pct: ((i * 37) % 100) / 100 } },
        user: { pct: 1.2, norm: { pct: 0.15 } },
        system: { pct: 0.4, norm: { pct: 0.05 } },
        idle: { pct: 6.4, norm: { pct: 0.8 } },
        iowait: { pct: 0, norm: { pct: 0 } },
      },
      memory: { actual: { used: { pct: ((i * 13) % 100) / 100, bytes: 4_123_456_789 } } },
    },
    ecs: { version: '8.0.0' },
  });
}

async function writeExport(file: string, bytes: number): Promise<number> {
  if (existsSync(file) && statSync(file).size >= bytes) return statSync(file).size;
  const out = createWriteStream(file);
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const line = doc(i) + '\n';
    written += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const largest = Number(process.env.LTL_NDJSON_MIB ?? 128);
  const sizes = [largest / 4, largest / 2, largest].map(m => Math.round(m));
  let previous: number | undefined;
  for (const mib of sizes) {
    const file = join(dir, `metricbeat-${mib}MiB.ndjson`);
    const bytes = await writeExport(file, mib * MiB);
    (globalThis as { gc?: () => void }).gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const r = await readPlatformDocsFile(file);
    const ms = performance.now() - t0;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const points = r.series.reduce((a, s) => a + s.points.length, 0);
    console.log(
      `${(bytes / MiB).toFixed(0)} MiB, ${r.documents} documents → ${r.series.length} series, ${points} points: ${(ms / 1000).toFixed(2)} s (${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s)${previous ? `, ×${(ms / previous).toFixed(2)} for ×2 input` : ''}; peak RSS +${((peak - base) / MiB).toFixed(0)} MiB; readable ${r.readable}, ${r.diagnostics.length} diagnostics`,
    );
    previous = ms;
  }
}

void main();
