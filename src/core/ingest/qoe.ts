/**
 * QoE files `qoe/<test>/<prefix>-<session>-<userFrom>-<userTo>_cuts.json` (FORMATS.md §3):
 * `userFrom`'s recording of `userTo`, one element per analysed cut,
 * `[{"cut_index": 0, "vmaf": 0.89, "visqol": 0.81}, …]` with both metrics on 0–1 (VMAF ÷ 100,
 * ViSQOL (MOS − 1) / 4). Failed cuts are skipped by the analyser, so `cut_index` can have gaps.
 * The notebook parses the name with `name.split("_")[0].split("-")`, so neither the prefix nor
 * the names may contain `-` (NOTEBOOK-QUIRKS B20).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { parseJsonArray } from './jsonArray';

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
  if (value < 0 || value > 1) {
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

export function parseQoeFile(text: string, file: string, name: QoeFileName): QoeFile {
  const { elements, indexes, diagnostics } = parseJsonArray(text, file);
  const cuts = uniqueSorted(
    elements.flatMap((raw, k) => readCut(raw, indexes[k] as number, file, diagnostics) ?? []),
    file,
    diagnostics,
  );
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
