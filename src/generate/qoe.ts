// QoE `_cuts.json` per same-session pair: R records B (a publisher) while both are connected.
import { qoePenalty, type Degradation, type MediaServer } from './options';
import type { CpuSeries, QoeCut, QoePlan, UserPlan } from './model';
import { clamp, cpuAt } from './cpu';
import type { Rng } from './prng';

/** Recording starts 5 s after both are connected (the notebook's `cut_index_0_time`). */
export const QOE_DELAY_MS = 5000;
/** fragment (15 s) + 2 × padding (1 s): one cut per 17 s of shared connected time. */
export const QOE_CUT_MS = 17000;

/** The notebook's intersect_intervals: overlaps of two interval lists, each start delayed by 5 s. */
export function recordedWindows(
  a: readonly [number, number][],
  b: readonly [number, number][],
): [number, number][] {
  const out: [number, number][] = [];
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      const start = Math.max(s1, s2) + QOE_DELAY_MS;
      const end = Math.min(e1, e2);
      if (start < end) out.push([start, end]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** Instant `offset` ms into the concatenation of the windows (clamped to the last one). */
function instantAt(windows: readonly [number, number][], offset: number): number {
  let left = offset;
  for (const [s, e] of windows) {
    if (left <= e - s) return s + left;
    left -= e - s;
  }
  const last = windows[windows.length - 1];
  return last ? last[1] : 0;
}

const DEGRADATION: Record<MediaServer, number> = { kurento: 0.62, mediasoup: 0.45, pion: 0.55 };

/** VMAF base (0..1) of an unloaded node, before noise. */
export const VMAF_BASE = 0.93;
/** ViSQOL base (0..1) of an unloaded node, before noise. */
export const VISQOL_BASE = 0.83;
/** CPU from which the node's own QoE degradation starts (`cutScores`' stress term). */
export const QOE_CPU_ONSET = 0.6;
/** ViSQOL loses this fraction of what VMAF loses. */
export const VISQOL_SHARE = 0.6;

/**
 * VMAF and ViSQOL (0..1) of a cut recorded while the node ran at `cpu`; `penalty` is VMAF lost to
 * an injected degradation (ViSQOL loses 0.6 of it).
 */
export function cutScores(
  server: MediaServer,
  cpu: number,
  rng: Rng,
  penalty = 0,
): { vmaf: number; visqol: number } {
  const stress = Math.pow(clamp((cpu - QOE_CPU_ONSET) / (1 - QOE_CPU_ONSET), 0, 1), 1.6);
  // mediasoup degrades less with CPU alone and has more unexplained spread (network effects)
  const spread = server === 'mediasoup' ? 0.05 : 0.025;
  const vmaf = VMAF_BASE - DEGRADATION[server] * stress - penalty + spread * rng.normal();
  const visqol =
    VISQOL_BASE - VISQOL_SHARE * (DEGRADATION[server] * stress + penalty) + 0.02 * rng.normal();
  return { vmaf: round4(clamp(vmaf, 0.02, 0.99)), visqol: round4(clamp(visqol, 0.05, 0.95)) };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** Users whose connected intervals [start, end) contain the instant. */
export function connectedAt(users: readonly UserPlan[], at: number): number {
  let n = 0;
  for (const u of users) if (u.intervals.some(([s, e]) => s <= at && at < e)) n++;
  return n;
}

/** Every recorder/publisher pair of a session with at least one 17 s cut. */
export function planQoe(
  server: MediaServer,
  users: readonly UserPlan[],
  cpu: CpuSeries,
  rng: Rng,
  degradation: Degradation | null = null,
): QoePlan[] {
  const penaltyAt = (at: number, load: number): number =>
    degradation === null ? 0 : qoePenalty(degradation, connectedAt(users, at), load);
  const plans: QoePlan[] = [];
  for (const r of users) {
    for (const b of users) {
      if (b === r || b.session !== r.session || b.role !== 'PUBLISHER') continue;
      const windows = recordedWindows(r.intervals, b.intervals);
      const total = windows.reduce((sum, [s, e]) => sum + (e - s), 0);
      const count = Math.floor(total / QOE_CUT_MS);
      if (count === 0) continue;
      const pairRng = rng.fork('qoe', r.session, r.user, b.user);
      const cuts: QoeCut[] = [];
      for (let k = 0; k < count; k++) {
        const at = instantAt(windows, (k + 0.5) * QOE_CUT_MS);
        const load = cpuAt(cpu, at);
        const skipP = 0.02 + 0.2 * clamp((load - 0.9) / 0.1, 0, 1);
        if (count > 1 && pairRng.chance(skipP)) continue; // "Skipped cut k": a gap in cut_index
        cuts.push({ cut_index: k, ...cutScores(server, load, pairRng, penaltyAt(at, load)) });
      }
      if (cuts.length > 0)
        plans.push({ session: r.session, recorder: r.user, recorded: b.user, cuts });
    }
  }
  return plans;
}

/** `v-LoadTestSession<S>-User<R>-User<B>_cuts.json` */
export function qoeFileName(q: QoePlan): string {
  return `v-LoadTestSession${q.session}-User${q.recorder}-User${q.recorded}_cuts.json`;
}

/** The analyser's `json.dump(results_list)`: `[{"cut_index": 0, "vmaf": …, "visqol": …}, …]`. */
export function qoeJson(q: QoePlan): string {
  return `[${q.cuts.map(c => `{"cut_index": ${c.cut_index}, "vmaf": ${c.vmaf}, "visqol": ${c.visqol}}`).join(', ')}]`;
}
