/**
 * Typed readers of the `loadtestLens.*` settings declared in package.json. Every reader falls
 * back to the declared default when a value is missing or of the wrong shape (a hand-edited
 * settings.json is untrusted input too).
 */
import * as vscode from 'vscode';
import type { Profile } from '../core/analysis/types';
import { parseZone, ZONE_SYNTAX, zoneName, type Zone } from '../shared/zone';
import { NOTEBOOK_CPU_BANDS } from '../core/viewmodel/stats';
import { DEFAULT_LOAD_CONFIG } from '../core/compare/compare';

/** A colour range: values at `min` get the first colour of the ramp, at `max` the last. */
export interface ColorRange {
  readonly min: number;
  readonly max: number;
}

/** A QoS metric's colour range: up to `good` the best colour, from `bad` on the worst, the ramp between. */
export interface QosThresholds {
  readonly good: number;
  readonly bad: number;
}

export interface LensSettings {
  /** `auto`, an offset (`+02:00`) or an IANA name (`Europe/Madrid`); a value that is no zone reads as `auto`. */
  readonly logTimezone: string;
  readonly discoverRoots: boolean;
  /** Ingest workers; 0 = one per core. */
  readonly maxWorkers: number;
  /** Parsed files kept in the extension's storage between sessions. */
  readonly parseCache: boolean;
  /** Analysis profile: `default` (corrected) or `notebook` (the notebook's numbers, defects included). */
  readonly profile: Profile;
  /** CPU thresholds (0–1, ascending) that split the load into bands. */
  readonly cpuBands: readonly number[];
  /** Seconds the recorder waits before recording (QoE intervals start this much later). */
  readonly recordingDelaySeconds: number;
  /** Colour ranges of the QoE metrics. */
  readonly qoeColorRanges: { readonly vmaf: ColorRange; readonly visqol: ColorRange };
  /** Thresholds of the QoS metrics, by metric name. */
  readonly qosColorRanges: Readonly<Record<string, QosThresholds>>;
  /** Points per CPU/memory series sent to a chart (min/max decimation). */
  readonly decimationTarget: number;
  /** Open the user's events.json and stats.json beside the log when following a failure. */
  readonly openUserFiles: boolean;
  /**
   * The controller's zone for today's runs (an offset or an IANA name): the report-<ts>.html's
   * dates (they carry no zone) and results-<ts>.txt dates with an ambiguous or unknown zone
   * abbreviation; it wins over the files. Undefined for `auto` (a results-<ts>.txt whose zone
   * abbreviations have one meaning settles it, else UTC) and for a value that is no zone (warned).
   */
  readonly reportTimezone: Zone | undefined;
  /** VMAF points below the light-load level that end the relative capacity (`--capacity-drop`). */
  readonly capacityDrop: number;
}

/** The notebook's thresholds (its `< 0.8`, `< 0.9`, `< 0.95` bands). */
export const DEFAULT_CPU_BANDS: readonly number[] = NOTEBOOK_CPU_BANDS;
export const DEFAULT_QOE_RANGES = {
  vmaf: { min: 0, max: 100 },
  visqol: { min: 1, max: 5 },
} as const;
/** The notebook's QoS colour ranges (`draw_cons_plot_qos`: jitter 0–0.1 s, RTT 0–0.5 s; loss ours). */
export const DEFAULT_QOS_RANGES: Readonly<Record<string, QosThresholds>> = {
  jitterMs: { good: 0, bad: 100 },
  packetLossPercent: { good: 0, bad: 10 },
  roundTripTimeMs: { good: 0, bad: 500 },
};

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Ascending thresholds strictly between 0 and 1, else the default bands. */
export function validCpuBands(v: unknown): readonly number[] {
  if (!Array.isArray(v) || v.length === 0) return DEFAULT_CPU_BANDS;
  const ok = v.every((x, i) => isFiniteNumber(x) && x > 0 && x < 1 && (i === 0 || x > v[i - 1]));
  return ok ? (v as number[]) : DEFAULT_CPU_BANDS;
}

function validRange(v: unknown, fallback: ColorRange): ColorRange {
  const r = v as Partial<ColorRange> | undefined;
  return r && isFiniteNumber(r.min) && isFiniteNumber(r.max) && r.min < r.max
    ? { min: r.min, max: r.max }
    : fallback;
}

/** Each metric with numeric `good` < `bad`; others are dropped, missing ones take the default. */
export function validQosRanges(v: unknown): Readonly<Record<string, QosThresholds>> {
  const out: Record<string, QosThresholds> = { ...DEFAULT_QOS_RANGES };
  if (typeof v !== 'object' || v === null) return out;
  for (const [metric, raw] of Object.entries(v as Record<string, unknown>)) {
    const t = raw as Partial<QosThresholds> | undefined;
    if (t && isFiniteNumber(t.good) && isFiniteNumber(t.bad) && t.good < t.bad)
      out[metric] = { good: t.good, bad: t.bad };
  }
  return out;
}

function clamp(v: unknown, min: number, max: number, fallback: number): number {
  return isFiniteNumber(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

export function readSettings(): LensSettings {
  const c = vscode.workspace.getConfiguration('loadtestLens');
  const qoe = c.get<Record<string, unknown>>('qoeColorRanges', {});
  const logTimezone = zoneSetting('logTimezone', c.get<unknown>('logTimezone', 'auto'));
  return {
    logTimezone: logTimezone ? zoneName(logTimezone) : 'auto',
    discoverRoots: c.get<boolean>('discoverRoots', true),
    maxWorkers: c.get<number>('maxWorkers', 0),
    parseCache: c.get<boolean>('parseCache', true) !== false,
    profile: c.get<string>('profile', 'default') === 'notebook' ? 'notebook' : 'default',
    cpuBands: validCpuBands(c.get('cpuBands')),
    recordingDelaySeconds: clamp(c.get('recordingDelaySeconds'), 0, 600, 5),
    qoeColorRanges: {
      vmaf: validRange(qoe['vmaf'], DEFAULT_QOE_RANGES.vmaf),
      visqol: validRange(qoe['visqol'], DEFAULT_QOE_RANGES.visqol),
    },
    qosColorRanges: validQosRanges(c.get('qosColorRanges')),
    decimationTarget: Math.round(clamp(c.get('decimationTarget'), 100, 100_000, 2000)),
    openUserFiles: c.get<boolean>('openUserFilesWithLog', true),
    reportTimezone: zoneSetting('reportTimezone', c.get<unknown>('reportTimezone', 'auto')),
    capacityDrop: clamp(c.get('capacityDrop'), 0, 100, DEFAULT_LOAD_CONFIG.capacityDrop),
  };
}

/** `auto` → undefined; `Z`, `+02:00`, `-0530`, `Europe/Madrid` → the zone; anything else → undefined. */
export function reportZone(value: unknown): Zone | undefined {
  if (typeof value !== 'string' || value === 'auto') return undefined;
  return parseZone(value);
}

const warned = new Set<string>();

/**
 * A zone setting's zone (undefined for `auto`); a value that is no zone is read as `auto` and
 * said once, in a warning naming the setting, the value and what was assumed.
 */
function zoneSetting(name: string, value: unknown): Zone | undefined {
  const zone = reportZone(value);
  if (zone || value === 'auto' || value === undefined) return zone;
  const key = `${name}=${String(value)}`;
  if (!warned.has(key)) {
    warned.add(key);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'loadtestLens.{0} "{1}" is not a time zone (use auto, {2}); auto is used.',
        name,
        String(value),
        ZONE_SYNTAX,
      ),
    );
  }
  return undefined;
}
