// Media-node CPU and memory model, and the `dfs_final/<test>-medianode.csv` text.
import type { MediaServer } from './options';
import type { CpuRow, CpuSeries } from './model';
import { isoUtc } from './time';
import type { Rng } from './prng';

/** Streams a media server carries at 100 % CPU (before `capacityScale`). */
export const SERVER_CAPACITY: Record<MediaServer, number> = {
  kurento: 50,
  mediasoup: 95,
  pion: 190,
};

export const IDLE_CPU = 0.04;

/**
 * Media streams handled by the node for one session: every connected publisher sends one stream
 * in and the node forwards it to every other connected user.
 */
export function sessionStreams(publishers: number, users: number): number {
  return publishers === 0 ? 0 : publishers + publishers * Math.max(0, users - 1);
}

/** CPU the node settles at for a load of `streams` (plus connection set-up work). */
export function targetCpu(streams: number, connecting: number, capacity: number): number {
  const load = Math.min(1.05, streams / capacity);
  return Math.min(1, IDLE_CPU + (1 - IDLE_CPU) * Math.pow(load, 0.9) + 0.012 * connecting);
}

/** Per-second state of the CPU model: first-order lag towards the target plus AR(1) noise. */
export class CpuModel {
  private level = IDLE_CPU;
  private noise = 0;
  private memLevel: number;
  readonly series: CpuSeries;

  constructor(
    startAt: number,
    private readonly rng: Rng,
  ) {
    this.memLevel = 0.21 + rng.range(0, 0.04);
    this.series = { startAt, stepMs: 1000, cpu: [], memory: [] };
  }

  /** Advance one second towards the load and return the CPU for that second. */
  step(streams: number, connecting: number, capacity: number): number {
    const target = targetCpu(streams, connecting, capacity);
    this.level += (target - this.level) * 0.22;
    this.noise = 0.8 * this.noise + 0.012 * this.rng.normal();
    const cpu = clamp(this.level + this.noise, 0.005, 1);
    this.memLevel += 0.000015 + 0.0000004 * streams;
    const memory = clamp(this.memLevel + 0.0012 * streams + 0.002 * this.rng.normal(), 0.05, 0.97);
    this.series.cpu.push(cpu);
    this.series.memory.push(memory);
    return cpu;
  }

  current(): number {
    const last = this.series.cpu[this.series.cpu.length - 1];
    return last ?? IDLE_CPU;
  }
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** CPU of the series at an instant (the second that contains it; edges are clamped). */
export function cpuAt(series: CpuSeries, at: number): number {
  const i = Math.floor((at - series.startAt) / series.stepMs);
  const idx = clamp(i, 0, series.cpu.length - 1);
  return series.cpu[idx] ?? IDLE_CPU;
}

function memoryAt(series: CpuSeries, at: number): number {
  const i = clamp(Math.floor((at - series.startAt) / series.stepMs), 0, series.memory.length - 1);
  return series.memory[i] ?? 0.2;
}

/**
 * Metricbeat-like samples every `intervalS` seconds (a few ms of jitter) over [from, to], with
 * occasional empty cells (the notebook drops them per column).
 */
export function sampleCpuRows(
  series: CpuSeries,
  from: number,
  to: number,
  intervalS: number,
  gapRate: number,
  rng: Rng,
): CpuRow[] {
  const rows: CpuRow[] = [];
  const step = intervalS * 1000;
  for (let t = from; t <= to; t += step) {
    const at = Math.round(t + rng.range(0, 40));
    const cpu = clamp(cpuAt(series, at) + 0.004 * rng.normal(), 0, 1);
    const memory = memoryAt(series, at);
    rows.push({
      at,
      cpu: rng.chance(gapRate) ? null : cpu,
      memory: rng.chance(gapRate * 1.5) ? null : memory,
    });
  }
  return rows;
}

function cell(v: number | null): string {
  return v === null ? '' : String(Math.round(v * 1e4) / 1e4);
}

/** `@timestamp,cpu,memory` CSV (ISO UTC timestamps, 0..1 fractions). */
export function* medianodeCsvChunks(rows: readonly CpuRow[]): Generator<string> {
  yield '@timestamp,cpu,memory\n';
  let buf = '';
  for (const r of rows) {
    buf += `${isoUtc(r.at)},${cell(r.cpu)},${cell(r.memory)}\n`;
    if (buf.length > 64_000) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
