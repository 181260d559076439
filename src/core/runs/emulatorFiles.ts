/**
 * The browser-emulator's per-participant files of today's runs (FORMATS.md §1.1, §1.2.3):
 * `stats/<room>/<identity>/errors.json` holds the structured health errors —
 * `LOAD_TEST_RUN_HEALTH_ERROR` (one `lk load-test` chunk: `run-not-running`,
 * `fatal-log-indicator`, `healthcheck-execution-failed`), `EMULATED_PARTICIPANT_HEALTH_ERROR`
 * and `REAL_PARTICIPANT_WEBHOOK_ERROR` — and `connections.json` one element per participant
 * creation. In emulated mode `events.json` and `stats.json` stay `[]`.
 */
import type { Diagnostic } from '../model/diagnostic';
import { diagnostic } from '../model/diagnostic';
import { parseJsonArray } from '../ingest/jsonArray';
import type { ConnectionRecord, HealthError } from '../model/run';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function time(v: unknown): number | undefined {
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

export function parseErrorsJson(
  text: string,
  file: string,
  room: string,
  identity: string,
): { errors: HealthError[]; diagnostics: Diagnostic[] } {
  const { elements, indexes, diagnostics } = parseJsonArray(text, file);
  const errors: HealthError[] = [];
  elements.forEach((e, k) => {
    const index = indexes[k] as number;
    if (!e || typeof e !== 'object') {
      diagnostics.push(
        diagnostic(
          'warning',
          'errors.notObject',
          file,
          `Element ${index} is not an object; skipped.`,
          { jsonPath: `[${index}]` },
        ),
      );
      return;
    }
    const o = e as Record<string, unknown>;
    const event = str(o.event) ?? str(o.type) ?? 'error';
    errors.push({
      event,
      source: str(o.source),
      reason: str(o.reason) ?? str(o.message) ?? str(o.error) ?? event,
      room: str(o.session) ?? room,
      identity: str(o.participant) ?? str(o.participantId) ?? identity,
      t: time(o.timestamp ?? o['@timestamp']),
      logs: str(o.logs),
      at: { file, index },
    });
  });
  return { errors, diagnostics };
}

export function parseConnectionsJson(
  text: string,
  file: string,
): { connections: ConnectionRecord[]; diagnostics: Diagnostic[] } {
  const { elements, indexes, diagnostics } = parseJsonArray(text, file);
  const connections: ConnectionRecord[] = [];
  elements.forEach((e, k) => {
    const index = indexes[k] as number;
    const o = (e ?? {}) as Record<string, unknown>;
    const t = time(o['@timestamp']);
    const participant = str(o.new_participant_id);
    const session = str(o.new_participant_session);
    if (t === undefined || !participant || !session) {
      diagnostics.push(
        diagnostic(
          'warning',
          'connections.bad',
          file,
          `Element ${index} lacks @timestamp, new_participant_id or new_participant_session; skipped.`,
          { jsonPath: `[${index}]` },
        ),
      );
      return;
    }
    connections.push({
      t,
      participant,
      session,
      streams: typeof o.streams === 'number' ? o.streams : undefined,
      worker: str(o.worker_name),
    });
  });
  return { connections, diagnostics };
}
