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
