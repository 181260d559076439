/**
 * Controller logs as log collectors capture them (docs/controller-logs.md, "Captured through
 * Docker, Kubernetes or journald"). Each puts its own part before every line of the controller:
 *   `docker compose logs` / `docker compose up`   `loadtest-controller-e2e  | <line>`
 *     (compose cmd/formatter/logs.go: the container name padded to the longest name + 1, then
 *     `| `; with `-t`, an RFC 3339 time and a blank after the bar; other containers' lines between)
 *   `docker logs -t`, `kubectl logs --timestamps`  `2026-07-29T08:00:00.005123456Z <line>`
 *   `kubectl logs --prefix` (several pods)        `[pod/loadtest-controller-7d9f/controller] <line>`
 *   `journalctl` (short… formats)                 `Jul 29 10:00:00 host java[4695]: <line>`
 * The maintainers' own e2e script saves `docker compose logs > docker-compose.log` beside the
 * reports (e2e-tests/scripts/run-e2e-test.sh, 2026). The first line the loadtest-controller
 * printed decides which of these a log is: a bare controller line means none, and then every
 * line is handed on as it is. Otherwise the controller's lines are handed on without the
 * collector's part and other sources' lines (browser-emulator, Elasticsearch…) are left out.
 * Every pattern is anchored and bounded: a line of any length costs time linear in its length.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { firstNames } from '../../shared/format';
import { consoleParts } from './logLine';

export type CollectorKind = 'compose' | 'kubectl' | 'journal' | 'timestamps';

/** A line with the collector's part taken off. */
interface Collected {
  /** Container (compose) or host and program (journald); none for a bare time prefix. */
  readonly source?: string;
  readonly text: string;
}

/** The collector's part is looked for in this much of a line. */
const HEAD = 400;
const RFC3339 = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})`;
const COMPOSE = /^([A-Za-z0-9][\w.-]*) +\|(?: |$)/;
const KUBECTL = /^\[(pod\/[^\]\s]+)\] /;
/**
 * journalctl's times: `short` / `short-precise` (`Jun 20 12:15:00[.123456]`), `short-iso` /
 * `short-iso-precise` (RFC 3339), `short-full` (`Thu 2024-06-20 12:15:00 CEST`), `short-unix`.
 */
const JOURNAL_TIME = [
  String.raw`[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?`,
  RFC3339,
  String.raw`[A-Z][a-z]{2} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? [\w+:-]+`,
  String.raw`\d{9,11}\.\d{6}`,
].join('|');
const JOURNAL = new RegExp(String.raw`^(?:${JOURNAL_TIME}) (\S+) ([^\s[:]+)(?:\[\d+\])?: `);
const TIMESTAMPS = new RegExp(String.raw`^${RFC3339} `);

/**
 * The line after a runtime's time of receipt (`-t`), when it has one. A controller line of
 * Spring Boot 3 starts with a time too (`2026-07-29T10:00:00.000+02:00  INFO …`): that one is
 * the line's own.
 */
function afterTime(text: string): string | undefined {
  if (consoleParts(text)) return undefined;
  const m = TIMESTAMPS.exec(text.slice(0, HEAD));
  return m ? text.slice(m[0].length) : undefined;
}

const UNWRAP: Record<CollectorKind, (text: string) => Collected | undefined> = {
  compose: text => {
    const m = COMPOSE.exec(text.slice(0, HEAD));
    if (!m) return undefined;
    const rest = text.slice(m[0].length);
    return { source: m[1], text: afterTime(rest) ?? rest };
  },
  kubectl: text => {
    const m = KUBECTL.exec(text.slice(0, HEAD));
    if (!m) return undefined;
    const rest = text.slice(m[0].length);
    return { source: m[1], text: afterTime(rest) ?? rest };
  },
  journal: text => {
    const m = JOURNAL.exec(text.slice(0, HEAD));
    return m ? { source: `${m[1]} ${m[2]}`, text: text.slice(m[0].length) } : undefined;
  },
  timestamps: text => {
    const rest = afterTime(text);
    return rest === undefined ? undefined : { text: rest };
  },
};
const KINDS = Object.keys(UNWRAP) as CollectorKind[];

/**
 * The loadtest-controller's own loggers: `io.openvidu.loadtest…`, abbreviated by logback to
 * `i.o.l.controller.LoadTestController` or, cut to 40 characters, `.o.l.s.c.LoadTest…`.
 */
const CONTROLLER_LOGGER = /(?:^|\.)o\.l\.|openvidu\.loadtest|LoadTest/;

/** A line the loadtest-controller printed, in its console pattern. */
export function isControllerLine(text: string): boolean {
  const parts = consoleParts(text);
  return parts !== undefined && CONTROLLER_LOGGER.test(parts.logger);
}

const HOW: Record<CollectorKind, string> = {
  compose: '`docker compose logs` (or `up`) output',
  kubectl: '`kubectl logs --prefix` output',
  journal: 'journalctl output',
  timestamps: '`docker logs -t` or `kubectl logs --timestamps` output',
};

/**
 * Decides, from the first controller line, which collector wrote a log, and then takes each
 * line's collector part off (or leaves the line out when another source printed it).
 */
export class LogCollector {
  private kind?: CollectorKind | 'bare';
  private source?: string;
  private firstLine?: number;
  /** Sources whose lines were left out, in order of first appearance. */
  private readonly others = new Set<string>();

  /** True until the first controller line: every line must be seen to find it. */
  get deciding(): boolean {
    return this.kind === undefined;
  }

  /** The controller's text of a line, or undefined for a line another source printed. */
  take(text: string, line: number): string | undefined {
    if (this.kind === 'bare') return text;
    if (this.kind) return this.own(text);
    return this.decide(text, line);
  }

  /** `take` without deciding anything (for a line looked at again). */
  own(text: string): string | undefined {
    if (this.kind === 'bare' || this.kind === undefined) return text;
    const c = UNWRAP[this.kind](text);
    if (!c) return undefined; // compose's own status lines, a journal's cut lines
    if (c.source !== this.source) {
      this.others.add(c.source ?? '');
      return undefined;
    }
    return c.text;
  }

  private decide(text: string, line: number): string | undefined {
    if (consoleParts(text)) {
      this.kind = 'bare';
      return text;
    }
    let seen: Collected | undefined;
    for (const kind of KINDS) {
      const c = UNWRAP[kind](text);
      if (c && isControllerLine(c.text)) {
        this.kind = kind;
        this.source = c.source;
        this.firstLine = line;
        this.others.delete(c.source ?? '');
        return c.text;
      }
      seen ??= c;
    }
    if (seen?.source === undefined) return text;
    this.others.add(seen.source);
    return undefined;
  }

  /** What was read, for the log's findings. */
  diagnostics(file: string): Diagnostic[] {
    const others = [...this.others].filter(s => s !== '');
    const left = others.length ? `; the lines of ${firstNames(others)} were left out` : '';
    if (this.kind === undefined || this.kind === 'bare') {
      if (this.kind === 'bare' || others.length === 0) return [];
      const message = `Every line comes from a log collector (${firstNames(others)}), and none is a loadtest-controller line (its console pattern with an io.openvidu.loadtest logger): nothing was read from this log.`;
      return [diagnostic('warning', 'log.noControllerLines', file, message)];
    }
    const whose = this.source ? `: the lines of ${this.source} are the controller's${left}` : '';
    const message = `Read as ${HOW[this.kind]}, each line without the collector's part${whose}. Line numbers are the file's.`;
    return [diagnostic('info', 'log.collector', file, message, { line: this.firstLine })];
  }
}
