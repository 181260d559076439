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
/** `-------- -------------------- --------`: printed after some sections, closing neither. */
const SEPARATOR = /^-+(\s+-+)+$/;

/**
 * A log line that is not part of the block: [2024] any log line after the block's first entry
 * (the block is plain stdout); [HEAD] a line of another logger than the block's.
 */
function endsBlock(
  blockLogger: string | undefined,
  entries: number,
  logger: string | undefined,
): boolean {
  if (logger === undefined) return false;
  return blockLogger === undefined ? entries > 0 : logger !== blockLogger;
}

/** The block's opening line, `-------- Load Test Parameters --------` (prefix removed). */
export function opensConfigBlock(message: string): boolean {
  return OPEN.test(message.trim());
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * `Key:  value` → [key, value]. A line without ':' is a sentence (`Controller started in RETRY
 * MODE`), and so is one whose ':' is inside an open parenthesis; a closed parenthesis belongs to
 * the key (`Maximum number of in flight requests (batch):  4`).
 */
function splitEntry(text: string): [string, string] {
  const colon = text.indexOf(':');
  const before = text.slice(0, colon);
  const open = before.split('(').length - before.split(')').length;
  if (colon <= 0 || open !== 0) return [text.trim(), ''];
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

/**
 * Collects the block from the messages of successive log lines (prefix already removed). The
 * [2024] block (plain stdout) ends at its closing dashes or at the first log line; the [HEAD]
 * block (`log.info` from `LoadTestConfig`, no closing line: its `-------- ---- --------` lines
 * close sections, not the block) ends at the first line of another logger.
 */
export class ConfigBlockReader {
  private state: 'before' | 'inside' | 'done' = 'before';
  private section = '';
  /** [HEAD] blocks are logged with a prefix on every line: the logger that printed the block. */
  private logger: string | undefined;
  readonly entries: ConfigEntry[] = [];

  get done(): boolean {
    return this.state === 'done';
  }

  /** Between the opening and the closing line: every line matters. */
  get inside(): boolean {
    return this.state === 'inside';
  }

  /**
   * True when the line belonged to the block. `logger` is the line's logger when it is a log
   * line (with a prefix), undefined for a plain stdout line.
   */
  accept(message: string, line: number, logger?: string): boolean {
    const text = message.trim();
    if (this.state === 'before') {
      if (!opensConfigBlock(text)) return false;
      this.state = 'inside';
      this.logger = logger;
      return true;
    }
    if (this.state !== 'inside') return false;
    if (CLOSE.test(text) || endsBlock(this.logger, this.entries.length, logger)) {
      this.state = 'done';
      return CLOSE.test(text);
    }
    this.logger ??= logger;
    if (SEPARATOR.test(text)) return true;
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

/**
 * 2024's `application.properties` keys and the labels the controller prints them under in its
 * start-up block (`LoadTestConfig.printInfo`, FORMATS.md §2.3 and §4.1), compared without case.
 * Every generation prints the same label for a key (v2.1.0 ec66f1fe, 2022 92f9f5a2, 2024
 * db1ae485, 2026 d6a49f73: `Worker List:`, `ElasticSearch Host:`; from 2022-07 `QoE
 * recordings:`, `QoE analysis will be run in-situ:`); 2022 has `Sessions per worker:` and
 * `Maximum number of in flight requests:`.
 */
export const PROPERTY_LABELS: Readonly<Record<string, string>> = {
  OPENVIDU_URL: 'OpenVidu URL',
  SESSION_NAME_PREFIX: 'Session Name Prefix',
  USER_NAME_PREFIX: 'Username Prefix',
  SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS: 'Seconds between users',
  SECONDS_TO_WAIT_BETWEEN_SESSIONS: 'Seconds between sessions',
  MANUAL_PARTICIPANTS_ALLOCATION: 'Is manual participant allocation',
  USERS_PER_WORKER: 'Users per worker',
  SESSIONS_PER_WORKER: 'Sessions per worker',
  WORKER_URL_LIST: 'Worker List',
  ELASTICSEARCH_HOST: 'ElasticSearch Host',
  ELASTICSEARCH_USERNAME: 'ElasticSearch Username',
  KIBANA_HOST: 'Kibana Host',
  QOE_ANALYSIS_RECORDINGS: 'QoE recordings',
  QOE_ANALYSIS_IN_SITU: 'QoE analysis will be run in-situ',
  VIDEO_PADDING_DURATION: 'Video padding duration',
  VIDEO_FRAGMENT_DURATION: 'Video fragment duration',
  BATCHES: 'Use batches for inserting users',
  BATCHES_MAX_REQUESTS: 'Maximum number of in flight requests (batch)',
  MAX_REQUESTS: 'Maximum number of in flight requests',
  WAIT_COMPLETE: 'Wait for user or batch insertion completion',
};

/** The properties key of each label, in lower case. */
const KEY_OF_LABEL: ReadonlyMap<string, string> = new Map(
  Object.entries(PROPERTY_LABELS).map(([key, label]) => [label.toLowerCase(), key]),
);

/** The properties key of a start-up block entry, when the label is one the controller prints. */
export function propertyOfLabel(label: string): string | undefined {
  return KEY_OF_LABEL.get(label.toLowerCase());
}

/** The start-up block's entry of an `application.properties` key, when it prints it. */
export function configEntry<E extends Pick<ConfigEntry, 'key'>>(
  config: readonly E[],
  property: string,
): E | undefined {
  return config.find(e => propertyOfLabel(e.key) === property);
}
