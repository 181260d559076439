/**
 * A finding about the input: malformed, truncated, missing or inconsistent data. Parsers never
 * throw on data; they return what they could read plus diagnostics like these.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable kind, e.g. `json.truncated`, `csv.badNumber`, `log.noStartLine`. */
  readonly code: string;
  /** Absolute path of the file the finding is about (the root folder for layout findings). */
  readonly file: string;
  /** 1-based line, where the format has lines. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** JSON path such as `[12].timestamp`, where the format is JSON. */
  readonly jsonPath?: string;
  readonly message: string;
}

export function diagnostic(
  severity: Severity,
  code: string,
  file: string,
  message: string,
  where: { line?: number; column?: number; jsonPath?: string } = {},
): Diagnostic {
  return { severity, code, file, message, ...where };
}

/** At most this many findings of one kind are kept per file; the others are only counted. */
export const KEPT_PER_KIND = 50;

/**
 * A list of findings that keeps the first {@link KEPT_PER_KIND} of each kind (code) per file and
 * counts the rest in one closing finding of that kind ("… and 1,499,950 more"), so that a file
 * with millions of bad cells costs a few kilobytes, not gigabytes (issue 19). It is an array:
 * parsers push into it as into any `Diagnostic[]`, and `map`/`filter` give plain arrays.
 */
export class DiagnosticList extends Array<Diagnostic> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  readonly #seen = new Map<string, { count: number; summaryAt: number }>();

  override push(...items: Diagnostic[]): number {
    for (const d of items) this.add(d);
    return this.length;
  }

  private add(d: Diagnostic): void {
    const key = `${d.code}\u0000${d.file}`;
    const seen = this.#seen.get(key) ?? { count: 0, summaryAt: -1 };
    this.#seen.set(key, seen);
    seen.count++;
    if (seen.count <= KEPT_PER_KIND) {
      super.push(d);
      return;
    }
    if (seen.summaryAt < 0) {
      seen.summaryAt = this.length;
      super.push(overflowSummary(d, seen));
    }
  }
}

/** The closing finding of a kind: its message reads the count, so further pushes cost nothing. */
function overflowSummary(first: Diagnostic, seen: { readonly count: number }): Diagnostic {
  return {
    severity: first.severity,
    code: first.code,
    file: first.file,
    get message(): string {
      const more = seen.count - KEPT_PER_KIND;
      return `… and ${more.toLocaleString('en-US')} more finding${more === 1 ? '' : 's'} of this kind in this file (the first ${KEPT_PER_KIND} are listed).`;
    },
  };
}

/** Copies `items` into a {@link DiagnosticList}, capping each kind per file. */
export function cappedDiagnostics(items: Iterable<Diagnostic>): DiagnosticList {
  const list = new DiagnosticList();
  for (const d of items) list.push(d);
  return list;
}
