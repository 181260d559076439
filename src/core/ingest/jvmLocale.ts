/**
 * What the controller's JVM locale prints besides separators (numbers.ts has those): the
 * controller formats with `String.format` and `SimpleDateFormat` without a `Locale`
 * (`HtmlReportGenerator`, the text report, `DataIO`'s file names, `LoadTestService`'s Kibana
 * window), so
 *
 * - in a locale whose default numbering is not Latin (CLDR: ar-EG, ar-SA… `arab`, fa-IR `arabext`,
 *   bn, mr, ne, my…) every digit is that script's: `١٢٫٠٣ Mbps`, `٢٠٢٦-٠٧-٠١ ١٠:٠٠:٠٠`; Arabic
 *   numbering marks decimals with U+066B and groups with U+066C, and CLDR's Arabic minus sign
 *   carries an invisible direction mark;
 * - in th-TH, `Calendar.getInstance()` and `SimpleDateFormat` use the Thai Buddhist calendar: the
 *   report's dates and file names say 2569 for 2026 (543 years on), while `Date.toString()` in
 *   the text report stays Gregorian.
 *
 * A JVM whose charset cannot write the locale's thousands separator writes `?` instead (below).
 *
 * `latinText` turns such a file into what an en-US JVM would have printed (digits 0–9, `.` and
 * `,`, Gregorian years, separators it could write), once, before anything reads it, and says
 * what it changed. The controller's log (logback 1.2's `SimpleDateFormat`, 2021 → 2026-02)
 * stamps its lines the same way; the log parser reads each line's stamp with `latinDigits`
 * (logLine.ts `latinStamp`) and `gregorianYear`.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';

/** Years past this in a `yyyy-MM-dd` date are Buddhist-era years. */
const BUDDHIST_FROM = 2400;
/** The Thai Buddhist era starts 543 years before the Gregorian one. */
export const BUDDHIST_OFFSET = 543;

/** A year as the Gregorian calendar counts it: a Buddhist-era one 543 years back. */
export function gregorianYear(year: number): number {
  return year >= BUDDHIST_FROM ? year - BUDDHIST_OFFSET : year;
}

const NON_LATIN_DIGIT = /(?![0-9])\p{Nd}/gu;
const ARABIC_DECIMAL = /\u066b/g;
const ARABIC_GROUP = /\u066c/g;
/** Arabic letter mark and left/right marks: CLDR's Arabic minus sign is U+061C then `-`. */
const DIRECTION_MARKS = /[\u061c\u200e\u200f]/g;
/**
 * A thousands separator the file's charset could not hold: a JVM whose `file.encoding` is ASCII or
 * Latin-1 (JDK 17 and older on a POSIX locale) writes fr-FR's U+202F or de-CH's `’` as `?`
 * (`3?656 pkts/s`); bytes of another charset read as UTF-8 give U+FFFD. Only `%,.0f` puts a
 * character between digits followed by three more, so it can only be a group separator.
 */
const LOST_GROUP = /(?<=\d)[?\ufffd](?=\d{3}(?!\d))/g;
/** What a lost separator is read as: a group-only separator (numbers.ts). */
const GROUP_ONLY = '\u202f';

/** `yyyy-MM-dd` followed by a time or the file-name stamp's `_` (`SimpleDateFormat` output). */
const DATE = /\b(\d{4})(-\d{2}-\d{2}[ _T])/g;

/**
 * The value (0–9) of a decimal digit of any script: Unicode encodes each script's digits as one
 * run 0…9 (some runs follow each other, as the mathematical digits do).
 */
export function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let k = 0;
  while (k < 100 && /\p{Nd}/u.test(String.fromCodePoint(cp - k - 1))) k++;
  return k % 10;
}

export interface LatinText {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

/** Digits of other scripts as 0–9, Arabic separators as `.` and `,`; the first such digit met. */
export function latinDigits(text: string): { text: string; examples: string[] } {
  const examples: string[] = [];
  const digits = text.replace(NON_LATIN_DIGIT, ch => {
    if (examples.length < 1) examples.push(ch);
    return String(digitValue(ch));
  });
  if (examples.length === 0) return { text, examples };
  return {
    text: digits
      .replace(ARABIC_DECIMAL, '.')
      .replace(ARABIC_GROUP, ',')
      .replace(DIRECTION_MARKS, ''),
    examples,
  };
}

/** The Buddhist years of the file's `yyyy-MM-dd` dates as Gregorian ones, when all are. */
function gregorianYears(text: string): { text: string; example?: number } {
  const years = [...text.matchAll(DATE)].map(m => Number(m[1]));
  if (years.length === 0 || years.some(y => y < BUDDHIST_FROM)) return { text };
  return {
    text: text.replace(DATE, (_, y: string, rest: string) => `${gregorianYear(Number(y))}${rest}`),
    example: years[0],
  };
}

/** Lost thousands separators as a group-only one; how many, and the first one's line. */
function foundGroups(text: string): { text: string; count: number; line?: number } {
  let count = 0;
  let first = -1;
  const out = text.replace(LOST_GROUP, (_, at: number) => {
    if (count++ === 0) first = at;
    return GROUP_ONLY;
  });
  if (count === 0) return { text, count };
  return { text: out, count, line: lineAt(text, first) };
}

/** The 1-based line of the character at `index`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * `text` as an en-US, Gregorian JVM would have written it, with one note per kind of change
 * naming `file`. Untouched (and no note) when the file has neither.
 */
export function latinText(text: string, file: string): LatinText {
  const diagnostics: Diagnostic[] = [];
  const digits = latinDigits(text);
  if (digits.examples.length > 0)
    diagnostics.push(
      diagnostic(
        'info',
        'report.nativeDigits',
        file,
        `The controller's JVM printed its numbers and dates in the digits of its locale ("${digits.examples[0]}" is ${digitValue(digits.examples[0]!)}); they are read as 0–9, with the Arabic decimal and thousands marks as "." and ",".`,
      ),
    );
  const groups = foundGroups(digits.text);
  if (groups.count > 0)
    diagnostics.push(
      diagnostic(
        'warning',
        'report.lostSeparator',
        file,
        `${groups.count} number(s) have "?" (or U+FFFD) between their digits, as in "3?656": the controller's JVM wrote this file in a charset without its locale's thousands separator (its file.encoding; fr-FR's narrow no-break space, de-CH's ’). Each is read as a thousands separator (3?656 = 3656), the only place the controller's formats put a character between digits. Characters of the page's own text may be "?" too.`,
        { line: groups.line },
      ),
    );
  const years = gregorianYears(groups.text);
  if (years.example !== undefined)
    diagnostics.push(
      diagnostic(
        'info',
        'report.buddhistEra',
        file,
        `The report's dates are in the Thai Buddhist calendar (a th-TH JVM's SimpleDateFormat): ${years.example} is read as ${years.example - BUDDHIST_OFFSET}, every year ${BUDDHIST_OFFSET} years back.`,
      ),
    );
  return { text: years.text, diagnostics };
}
