/**
 * The configuration block the controller prints at start-up (FORMATS.md §2.3):
 * [2024] `LoadTestConfig.printInfo()` writes it with `System.out.printf` (no log prefix),
 * [HEAD] logs the same lines through `log.info` (with a prefix). It opens with
 * `-------- Load Test Parameters --------`, has `--- SECTION ---` headers and `Key:   value`
 * lines, and closes with a line of dashes. For a bare log it is the only record of the test's
 * configuration — and it prints secrets in clear, so values of secret-looking keys are redacted
 * as they are read: they are never kept in memory, shown or written.
 */

export interface ConfigEntry {
  readonly section: string;
  readonly key: string;
  /** The value, or `REDACTED` for secrets. */
  readonly value: string;
  readonly redacted: boolean;
  readonly line: number;
}

export const REDACTED = '•••••• (redacted)';
const SECRET_KEY = /secret|passw|pwd|token|credential|api ?key|access ?key|private/i;
const OPEN = /^-{3,}\s*Load Test Parameters\s*-{3,}$/;
const SECTION = /^-{2,}\s*(.+?)\s*-{2,}$/;
const CLOSE = /^-{6,}$/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * `Key:  value` → [key, value]. A line whose ':' is inside an open parenthesis is a sentence, not
 * a key (`Controller started in RETRY MODE (retry times: 5)`); a closed one belongs to the key
 * (`Maximum number of in flight requests (batch):  4`).
 */
function splitEntry(text: string): [string, string] {
  const colon = text.indexOf(':');
  const before = text.slice(0, colon);
  const open = before.split('(').length - before.split(')').length;
  if (colon <= 0 || open !== 0) return [text.trim(), ''];
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

/** Collects the block from the messages of successive log lines (prefix already removed). */
export class ConfigBlockReader {
  private state: 'before' | 'inside' | 'done' = 'before';
  private section = '';
  /** [HEAD] blocks are logged with a prefix on every line. */
  private prefixed = false;
  readonly entries: ConfigEntry[] = [];

  get done(): boolean {
    return this.state === 'done';
  }

  /** Between the opening and the closing line: every line matters. */
  get inside(): boolean {
    return this.state === 'inside';
  }

  /** True when the line belonged to the block. */
  accept(message: string, line: number, isLogLine: boolean): boolean {
    const text = message.trim();
    if (this.state === 'before') {
      if (!OPEN.test(text)) return false;
      this.state = 'inside';
      return true;
    }
    if (this.state !== 'inside') return false;
    // [2024]: the block is plain stdout, so the first prefixed log line also ends it.
    if (CLOSE.test(text) || (isLogLine && this.entries.length > 0 && !this.prefixed)) {
      this.state = 'done';
      return CLOSE.test(text);
    }
    this.prefixed ||= isLogLine;
    const section = SECTION.exec(text);
    if (section) {
      this.section = section[1] as string;
      return true;
    }
    if (text === '') return true;
    const [key, value] = splitEntry(text);
    const redacted = value !== '' && isSecretKey(key);
    this.entries.push({
      section: this.section,
      key,
      value: redacted ? REDACTED : value,
      redacted,
      line,
    });
    return true;
  }
}
