/**
 * QoE files `qoe/<test>/<prefix>-<session>-<userFrom>-<userTo>_cuts.json` (FORMATS.md §3):
 * `userFrom`'s recording of `userTo`, one element per analysed cut,
 * `[{"cut_index": 0, "vmaf": 0.89, "visqol": 0.81}, …]` with both metrics on 0–1 (VMAF ÷ 100,
 * ViSQOL (MOS − 1) / 4). Failed cuts are skipped by the analyser, so `cut_index` can have gaps.
 * The notebook parses the name with `name.split("_")[0].split("-")`, so neither the prefix nor
 * the names may contain `-` (NOTEBOOK-QUIRKS B20).
 *
 * A ViSQOL the analyser could not score is not missing from the file. The Python analyser
 * (2022-06 → 2026-03, `qoe_scripts/analysis_tasks.py` `parse_visqol`) takes MOS 0 when ViSQOL's
 * output is empty or unreadable and writes (0 − 1) / 4 = −0.25; the TypeScript one (e90a37ee,
 * 2026-03 on, `qoe-metrics.ts` `runVisqol`: `score ?? 0`, then clamped to 0–1) writes 0, which is
 * also what ViSQOL's lowest score (MOS 1) gives.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { parseJsonArray } from './jsonArray';
import { firstNames } from '../../shared/format';

export interface QoeFileName {
  readonly prefix: string;
  readonly session: string;
  /** The user whose browser recorded (the notebook's `userRecording`). */
  readonly userFrom: string;
  /** The user being recorded (`userBeingRecorded`). */
  readonly userTo: string;
}

export interface QoeFile extends QoeFileName {
  readonly file: string;
  /** Sorted by cut index. */
  readonly cutIndex: Int32Array;
  /** 0–1 as written; NaN where missing. */
  readonly vmaf: Float64Array;
  readonly visqol: Float64Array;
  readonly diagnostics: Diagnostic[];
}

const SUFFIX = '_cuts.json';

/** What the Python analyser writes for a ViSQOL it could not score: (MOS 0 − 1) / 4. */
export const VISQOL_UNSCORED = -0.25;

/** A ViSQOL value the Python analyser wrote for "no score" (read as missing by the default profile). */
export function isUnscoredVisqol(value: number): boolean {
  return value === VISQOL_UNSCORED;
}

/** The four parts of a QoE file name, or undefined when it does not split into exactly four. */
export function parseQoeFileName(name: string): QoeFileName | undefined {
  if (!name.endsWith(SUFFIX)) return undefined;
  const parts = (name.split('_')[0] as string).split('-');
  if (parts.length !== 4 || parts.some(p => p === '')) return undefined;
  const [prefix, session, userFrom, userTo] = parts as [string, string, string, string];
  return { prefix, session, userFrom, userTo };
}

function metric(
  value: unknown,
  name: string,
  path: string,
  file: string,
  out: Diagnostic[],
): number {
  if (value === undefined || value === null) return NaN;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    out.push(
      diagnostic('warning', 'qoe.badValue', file, `${name} is not a number; treated as missing.`, {
        jsonPath: path,
      }),
    );
    return NaN;
  }
  if ((value < 0 || value > 1) && !(name === 'visqol' && isUnscoredVisqol(value))) {
    out.push(
      diagnostic(
        'warning',
        'qoe.outOfRange',
        file,
        `${name} = ${value} is outside 0–1 (the analyser writes normalised scores).`,
        { jsonPath: path },
      ),
    );
  }
  return value;
}

interface Cut {
  index: number;
  vmaf: number;
  visqol: number;
}

function readCut(raw: unknown, i: number, file: string, out: Diagnostic[]): Cut | undefined {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const index = o['cut_index'] ?? o['cutIndex'];
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    out.push(
      diagnostic(
        'warning',
        'qoe.badCutIndex',
        file,
        'Element has no integer cut_index ≥ 0; skipped.',
        { jsonPath: `[${i}].cut_index` },
      ),
    );
    return undefined;
  }
  return {
    index,
    vmaf: metric(o['vmaf'], 'vmaf', `[${i}].vmaf`, file, out),
    visqol: metric(o['visqol'], 'visqol', `[${i}].visqol`, file, out),
  };
}

/** Keeps the first cut of each index (later duplicates are reported) and sorts them. */
function uniqueSorted(cuts: Cut[], file: string, out: Diagnostic[]): Cut[] {
  const seen = new Map<number, Cut>();
  for (const c of cuts) {
    if (seen.has(c.index))
      out.push(
        diagnostic(
          'warning',
          'qoe.duplicateCut',
          file,
          `cut_index ${c.index} appears more than once; the first is kept.`,
        ),
      );
    else seen.set(c.index, c);
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/** "cut 3", "cuts 2, 5 and 7" (the first ten, then how many more). */
function cutList(indexes: readonly number[]): string {
  return `${indexes.length === 1 ? 'cut' : 'cuts'} ${firstNames(indexes.map(String), 10)}`;
}

/**
 * The cuts whose ViSQOL says "no score" (−0.25, the Python analyser), and those at 0 (the lowest
 * score, or no score from the TypeScript analyser): one finding each per file.
 */
function unscoredVisqol(cuts: readonly Cut[], file: string): Diagnostic[] {
  const unscored = cuts.filter(c => isUnscoredVisqol(c.visqol)).map(c => c.index);
  const zero = cuts.filter(c => c.visqol === 0).map(c => c.index);
  const out: Diagnostic[] = [];
  if (unscored.length > 0)
    out.push(
      diagnostic(
        'warning',
        'qoe.visqolUnscored',
        file,
        `ViSQOL gave no score for ${cutList(unscored)}: visqol = −0.25 is what the Python analyser (2022–2026, parse_visqol) writes when ViSQOL's output is empty or unreadable, (0 − 1) / 4. The default profile reads it as missing; the notebook profile keeps it (×5 = −1.25 in its means), as the notebook does.`,
      ),
    );
  if (zero.length > 0)
    out.push(
      diagnostic(
        'info',
        'qoe.visqolZero',
        file,
        `visqol = 0 for ${cutList(zero)}: ViSQOL's lowest score (MOS 1), or no score at all, which the analyser of 2026-03 on writes as 0 too (runVisqol). Kept as 0.`,
      ),
    );
  return out;
}

export function parseQoeFile(text: string, file: string, name: QoeFileName): QoeFile {
  const { elements, indexes, diagnostics } = parseJsonArray(text, file);
  const cuts = uniqueSorted(
    elements.flatMap((raw, k) => readCut(raw, indexes[k] as number, file, diagnostics) ?? []),
    file,
    diagnostics,
  );
  diagnostics.push(...unscoredVisqol(cuts, file));
  const last = cuts[cuts.length - 1];
  if (last && last.index + 1 > cuts.length) {
    diagnostics.push(
      diagnostic(
        'info',
        'qoe.gaps',
        file,
        `${last.index + 1 - cuts.length} of ${last.index + 1} cuts ${last.index - cuts.length === 0 ? 'is' : 'are'} missing (failed cuts are skipped by the analyser).`,
      ),
    );
  }
  return {
    ...name,
    file,
    cutIndex: Int32Array.from(cuts, c => c.index),
    vmaf: Float64Array.from(cuts, c => c.vmaf),
    visqol: Float64Array.from(cuts, c => c.visqol),
    diagnostics,
  };
}
