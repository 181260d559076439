/**
 * Collects per-item diagnostics of one file without flooding: the first `limit` of each code are
 * kept, the rest are counted and summarised in one `info` diagnostic per code.
 */
import { diagnostic, type Diagnostic, type Severity } from '../../model/diagnostic';

export class DiagnosticSink {
  private readonly kept: Diagnostic[] = [];
  private readonly perCode = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly limit = 20,
  ) {}

  add(severity: Severity, code: string, message: string, jsonPath?: string): void {
    const n = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, n);
    if (n <= this.limit) {
      this.kept.push(
        diagnostic(severity, code, this.file, message, jsonPath === undefined ? {} : { jsonPath }),
      );
    }
  }

  /** How many findings of `code` were added (kept or not). */
  count(code: string): number {
    return this.perCode.get(code) ?? 0;
  }

  finish(): Diagnostic[] {
    const out = [...this.kept];
    for (const [code, n] of this.perCode) {
      if (n > this.limit) {
        out.push(
          diagnostic(
            'info',
            `${code}.more`,
            this.file,
            `${n - this.limit} more "${code}" finding(s) in this file were not listed (${n} in all).`,
          ),
        );
      }
    }
    return out;
  }
}
