/**
 * Numbers as the controller prints them, in whatever locale its JVM ran (FORMATS.md §5.1).
 * `HtmlReportGenerator` and the text report call `String.format` without a `Locale`, so the
 * separators are the JVM default's, but the *shapes* are fixed by the format strings
 * (d6a49f73 and the feat/recording-and-node-metrics branch):
 *
 * - `%.2f` (bps scaled to Kbps/Mbps/Gbps, `%`, values below 1000, cores, node percentages) and
 *   `%.1f%%` (worker CPU): an ungrouped integer part, the decimal mark, exactly 2 (or 1) digits;
 * - `%,.0f` (values ≥ 1000: `12,345 pkts/s`, `12.345`, `12 345` with U+202F in fr-FR, `12’345` in
 *   de-CH): groups of three digits, no decimals;
 * - `%.0f`, `%d`, `String.valueOf`: a plain integer.
 *
 * So a single `.` or `,` followed by exactly three digits is a thousands group, whichever
 * character it is, and one followed by one or two digits is the decimal mark. Text that none of
 * these formats prints is read by its most likely meaning and reported as a doubt; a
 * `NumberReader` also finds the document's decimal mark from the unambiguous numbers and reports
 * every number that contradicts it, naming the file, the line and what was assumed.
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';

export interface ReportNumber {
  /** The value in the metric's base unit (bps for bandwidths, % for percentages). */
  readonly value: number;
  /** The unit as printed after the number (`Mbps`, `%`, `participants`), '' when none. */
  readonly unit: string;
}

export type DecimalMark = '.' | ',';

/** One number read from its text, with what the text proves about the locale. */
export interface NumberReading {
  readonly value: number;
  /** The decimal mark the text proves (`12,03` → `,`; `3.656` → `,` too, as `.` groups). */
  readonly decimalMark?: DecimalMark;
  /** Set when no format of the controller prints this text: what was assumed instead. */
  readonly doubt?: string;
}

const BPS_SCALE: Readonly<Record<string, number>> = {
  bps: 1,
  kbps: 1e3,
  mbps: 1e6,
  gbps: 1e9,
};

/** Space, no-break space (fr before CLDR 34), narrow no-break space (fr-FR), thin space. */
const SPACE_GROUP = /[\u0020\u00a0\u202f\u2009]/;
/** Apostrophe and right single quotation mark (de-CH, it-CH grouping). */
const QUOTE_GROUP = /['\u2019]/;
const SEPARATOR = /[.,\u0020\u00a0\u202f\u2009'\u2019]/;

function other(mark: DecimalMark): DecimalMark {
  return mark === '.' ? ',' : '.';
}

function isGroupOnly(sep: string): boolean {
  return SPACE_GROUP.test(sep) || QUOTE_GROUP.test(sep);
}

/** Digit runs and the separators between them: `1.836.840` → [1, 836, 840] and [., .]. */
function split(body: string): { runs: string[]; seps: string[] } | undefined {
  const runs: string[] = [];
  const seps: string[] = [];
  let run = '';
  for (const ch of body) {
    if (ch >= '0' && ch <= '9') {
      run += ch;
    } else if (SEPARATOR.test(ch) && run !== '') {
      runs.push(run);
      seps.push(ch);
      run = '';
    } else {
      return undefined;
    }
  }
  if (run === '') return undefined;
  runs.push(run);
  return { runs, seps };
}

/** `1`, `12`, `123` then groups of exactly three: what `%,.0f` prints. */
function isGrouping(runs: readonly string[]): boolean {
  return (
    runs.length >= 2 && /^[1-9]\d{0,2}$/.test(runs[0]!) && runs.slice(1).every(r => r.length === 3)
  );
}

/** `18,36,840`: the Indian lakh grouping (CLDR `#,##,##0`), should a JVM print it. */
function isIndianGrouping(runs: readonly string[]): boolean {
  return (
    runs.length >= 3 &&
    /^[1-9]\d?$/.test(runs[0]!) &&
    runs.slice(1, -1).every(r => r.length === 2) &&
    runs[runs.length - 1]!.length === 3
  );
}

function reading(sign: number, digits: string, rest: Omit<NumberReading, 'value'>): NumberReading {
  return { value: sign * Number(digits), ...rest };
}

/** One separator character, once: `12,03` (decimal), `3.656` (group), `12 345` (group). */
function readOneSeparator(sign: number, int: string, sep: string, frac: string): NumberReading {
  if (isGroupOnly(sep)) {
    const doubt = isGrouping([int, frac])
      ? undefined
      : `"${sep}" only groups thousands but is not followed by three digits here; read as a grouping`;
    return reading(sign, int + frac, { doubt });
  }
  const mark = sep as DecimalMark;
  if (frac.length <= 2) return reading(sign, `${int}.${frac}`, { decimalMark: mark });
  if (frac.length === 3 && isGrouping([int, frac]))
    return reading(sign, int + frac, { decimalMark: other(mark) });
  return reading(sign, `${int}.${frac}`, {
    doubt: `the controller prints no number with ${frac.length} decimals or with a group of ${int.length} digits; "${sep}" read as the decimal mark`,
  });
}

/**
 * Reads one number as the controller's `String.format` calls print it in any locale; undefined
 * when the text is not a number. `12,345` → 12345, `12.345` → 12345, `12,03` → 12.03,
 * `12 345,67` (U+202F) → 12345.67, `1’234` → 1234, `-0,52` → −0.52.
 */
export function readJavaNumber(text: string): NumberReading | undefined {
  const t = text.trim();
  const m = /^([+\-\u2212]?)(.+)$/.exec(t);
  if (!m) return undefined;
  const sign = m[1] === '' || m[1] === '+' ? 1 : -1;
  const parts = split(m[2]!);
  if (!parts) return undefined;
  const { runs, seps } = parts;
  if (seps.length === 0) return reading(sign, runs[0]!, {});
  if (seps.length === 1) return readOneSeparator(sign, runs[0]!, seps[0]!, runs[1]!);
  const last = seps[seps.length - 1]!;
  const groupSeps = seps.slice(0, -1);
  if (seps.every(s => s === seps[0])) {
    // `1.836.840`, `1 836 840`: a grouping; `.`/`,` as group proves the other one decimal.
    const decimalMark = isGroupOnly(last) ? undefined : other(last as DecimalMark);
    const doubt =
      isGrouping(runs) || isIndianGrouping(runs)
        ? undefined
        : `"${runs.join(last)}" repeats "${last}" but its groups are not of three digits; read as a grouping`;
    return reading(sign, runs.join(''), { decimalMark, doubt });
  }
  // Groups then a different decimal mark: `1.234,56`, `12 345,67`, `1’234.5`.
  const frac = runs[runs.length - 1]!;
  if (
    isGroupOnly(last) ||
    groupSeps.some(s => s !== groupSeps[0] || s === last) ||
    !isGrouping(runs.slice(0, -1))
  )
    return undefined;
  const mark = last as DecimalMark;
  return reading(sign, `${runs.slice(0, -1).join('')}.${frac}`, {
    decimalMark: mark,
    doubt:
      frac.length <= 2
        ? undefined
        : `the controller prints no number with ${frac.length} decimals; "${mark}" read as the decimal mark`,
  });
}

/** `12,345` / `12.345,6` / `0,52` / `1 234` → number (no document context; see `NumberReader`). */
export function parseGroupedNumber(text: string): number | undefined {
  return readJavaNumber(text)?.value;
}

const NUMBER_AND_UNIT =
  /^\s*([+\-\u2212]?\d[\d.,\s\u00a0\u202f\u2009'\u2019]*?)\s*([^\d\s.,'\u2019].*?)?\s*$/;

function withUnit(
  r: NumberReading | undefined,
  unitText: string,
): (NumberReading & ReportNumber) | undefined {
  if (!r) return undefined;
  const scale = BPS_SCALE[unitText.toLowerCase()];
  if (scale !== undefined) return { ...r, value: r.value * scale, unit: 'bps' };
  return { ...r, unit: unitText };
}

function readWithUnit(text: string): (NumberReading & ReportNumber) | undefined {
  const m = NUMBER_AND_UNIT.exec(text);
  if (!m) return undefined;
  return withUnit(readJavaNumber(m[1]!), m[2] ?? '');
}

/** `1,234 participants`, `12.34 Mbps`, `45,20%`, `3.10 score`; undefined for `-`, `NaN`, text. */
export function parseReportNumber(text: string): ReportNumber | undefined {
  const r = readWithUnit(text);
  return r && { value: r.value, unit: r.unit };
}

interface Seen {
  readonly text: string;
  readonly line?: number;
  readonly reading: NumberReading;
}

/**
 * Reads the numbers of one document and, at the end, reports what it could not settle: the
 * document's decimal mark is the one most of its unambiguous numbers prove; a number proving
 * the other one, or printed in no shape the controller uses, gets a warning with its line.
 */
export class NumberReader {
  private readonly seen: Seen[] = [];

  constructor(private readonly file: string) {}

  /** A plain number (`1.056`, `12,03`), remembered for `diagnostics()`. */
  number(text: string, line?: number): number | undefined {
    const r = readJavaNumber(text);
    if (r) this.seen.push({ text: text.trim(), line, reading: r });
    return r?.value;
  }

  /** A number and its unit (`3.656 pkts/s`, `12,03 Mbps`), remembered for `diagnostics()`. */
  withUnit(text: string, line?: number): ReportNumber | undefined {
    const r = readWithUnit(text);
    if (!r) return undefined;
    this.seen.push({ text: text.trim(), line, reading: r });
    return { value: r.value, unit: r.unit };
  }

  /** The decimal mark most unambiguous numbers prove; undefined when none proves one. */
  decimalMark(): DecimalMark | undefined {
    let dots = 0;
    let commas = 0;
    for (const s of this.seen) {
      if (s.reading.doubt) continue;
      if (s.reading.decimalMark === '.') dots++;
      if (s.reading.decimalMark === ',') commas++;
    }
    if (dots === commas) return undefined;
    return dots > commas ? '.' : ',';
  }

  /** Warnings for numbers read by assumption or against the document's decimal mark. */
  diagnostics(): Diagnostic[] {
    const mark = this.decimalMark();
    const out: Diagnostic[] = new DiagnosticList();
    for (const { text, line, reading: r } of this.seen) {
      const value = String(r.value);
      if (r.doubt) {
        out.push(
          diagnostic(
            'warning',
            'number.unusual',
            this.file,
            `"${text}" is not printed by any of the controller's number formats: ${r.doubt}, so ${value}.${mark ? ` The rest of the file uses "${mark}" as the decimal mark.` : ''}`,
            { line },
          ),
        );
      } else if (mark && r.decimalMark && r.decimalMark !== mark) {
        out.push(
          diagnostic(
            'warning',
            'number.localeMismatch',
            this.file,
            `"${text}" shows "${r.decimalMark}" as the decimal mark but the rest of the file uses "${mark}"; it was read by its own shape as ${value} (the controller prints one or two decimals, or none with groups of three); check this value.`,
            { line },
          ),
        );
      }
    }
    if (mark === undefined && this.seen.some(s => s.reading.decimalMark && !s.reading.doubt)) {
      out.push(
        diagnostic(
          'warning',
          'number.mixedLocale',
          this.file,
          'As many numbers show "." as show "," for the decimal mark; each was read by its own shape (a separator before three digits groups thousands).',
        ),
      );
    }
    return out;
  }
}

/** Java's `%,.0f` / `%.2f` / bps scaling, for the generator (the inverse of the above). */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === 'bps') {
    const abs = Math.abs(value);
    if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} Gbps`;
    if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} Mbps`;
    if (abs >= 1e3) return `${(value / 1e3).toFixed(2)} Kbps`;
    return `${value.toFixed(0)} bps`;
  }
  if (unit === '%') return `${value.toFixed(2)}%`;
  if (Math.abs(value) >= 1000) {
    return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
  }
  return `${value.toFixed(2)} ${unit}`;
}
