/**
 * events.json of one emulated user (FORMATS.md §1.2): a JSON array, in arrival order, of
 * `{event, participant, session, timestamp, connection?, …}`. Both event families.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { EventFamily } from '../model/test';
import { parseJsonArray } from './jsonArray';

export interface UserEvent {
  /** Raw event name, e.g. `streamCreated`, `TrackSubscribed`. */
  readonly event: string;
  /** The notebook's key: `event-connection` when `connection` is present (`streamCreated-local`). */
  readonly key: string;
  readonly connection?: string;
  /** Epoch ms (UTC). */
  readonly time: number;
  /** Index in the file's array (arrival order), for jumping to the entry. */
  readonly index: number;
  readonly participant?: string;
  readonly session?: string;
  readonly reason?: string;
  readonly name?: string;
  /** LiveKit track events: `trackInfo.type`, the kind of track (`audio` / `video`). */
  readonly trackKind?: string;
}

export interface EventsFile {
  /** Sorted by time (stable: arrival order breaks ties). */
  readonly events: UserEvent[];
  readonly participant?: string;
  readonly session?: string;
  /** Events with names no known page emits, by name: kept in `events`, counted here. */
  readonly unknown: Record<string, number>;
  readonly diagnostics: Diagnostic[];
}

/** Events only the LiveKit page (`public-lk/app.js`) emits. */
const LIVEKIT_EVENTS = new Set([
  'SignalConnected',
  'Connected',
  'ConnectionStateChanged',
  'LocalTrackPublished',
  'LocalTrackUnpublished',
  'TrackPublished',
  'TrackSubscribed',
  'TrackUnsubscribed',
  'TrackSubscriptionFailed',
  'Reconnecting',
  'Reconnected',
  'Disconnected',
  'ConnectionQualityChanged',
]);

/** Events only the OpenVidu 2 page (`public/app.js`) emits. */
const OPENVIDU2_EVENTS = new Set([
  'connectionCreated',
  'accessAllowed',
  'streamCreated',
  'streamPlaying',
  'streamDestroyed',
  'sessionDisconnected',
  'reconnecting',
  'reconnected',
  'publisherStartSpeaking',
  'publisherStopSpeaking',
]);

/** Events both pages emit (`connectionStart`, …) and the rarer ones of FORMATS.md §1.2. */
const COMMON_EVENTS = new Set([
  'connectionStart',
  'connectedPublisher',
  'exception',
  'warning',
  'TrackSubscriptionStatusChanged',
  'TrackStreamStateChanged',
  'ParticipantDisconnected',
  'ParticipantConected',
  'ActiveDeviceChanged',
  'AudioPlaybackStatusChanged',
  'VideoPlaybackStatusChanged',
  'DCBufferStatusChanged',
]);

/** Whether the browser emulator's pages are known to emit this event name. */
export function isKnownEvent(event: string): boolean {
  return COMMON_EVENTS.has(event) || LIVEKIT_EVENTS.has(event) || OPENVIDU2_EVENTS.has(event);
}

export function familyOfEvent(event: string): EventFamily | undefined {
  if (LIVEKIT_EVENTS.has(event)) return 'livekit';
  if (OPENVIDU2_EVENTS.has(event)) return 'openvidu2';
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function trackKindOf(trackInfo: unknown): string | undefined {
  if (typeof trackInfo !== 'object' || trackInfo === null) return undefined;
  return optionalString((trackInfo as Record<string, unknown>)['type']);
}

function toEvent(
  raw: unknown,
  index: number,
  file: string,
  out: Diagnostic[],
): UserEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    out.push(
      diagnostic('warning', 'events.notObject', file, 'Event is not an object; skipped.', {
        jsonPath: `[${index}]`,
      }),
    );
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const event = o['event'];
  if (typeof event !== 'string' || event === '') {
    out.push(
      diagnostic('warning', 'events.noName', file, 'Event has no "event" name; skipped.', {
        jsonPath: `[${index}].event`,
      }),
    );
    return undefined;
  }
  const time = typeof o['timestamp'] === 'string' ? Date.parse(o['timestamp']) : NaN;
  if (!Number.isFinite(time)) {
    out.push(
      diagnostic(
        'warning',
        'events.badTimestamp',
        file,
        `Event "${event}" has no valid ISO timestamp; skipped.`,
        {
          jsonPath: `[${index}].timestamp`,
        },
      ),
    );
    return undefined;
  }
  const connection = optionalString(o['connection']);
  return {
    event,
    key: connection === undefined ? event : `${event}-${connection}`,
    connection,
    time,
    index,
    participant: optionalString(o['participant']),
    session: optionalString(o['session']),
    reason: optionalString(o['reason']),
    name: optionalString(o['name']),
    trackKind: trackKindOf(o['trackInfo']),
  };
}

export function parseEvents(text: string, file: string): EventsFile {
  const { elements, indexes, diagnostics } = parseJsonArray(text, file);
  const events: UserEvent[] = [];
  elements.forEach((raw, k) => {
    const e = toEvent(raw, indexes[k] as number, file, diagnostics);
    if (e) events.push(e);
  });
  events.sort((a, b) => a.time - b.time || a.index - b.index);
  const named = events.find(e => e.participant !== undefined && e.session !== undefined);
  const unknown: Record<string, number> = {};
  for (const e of events)
    if (!isKnownEvent(e.event)) unknown[e.event] = (unknown[e.event] ?? 0) + 1;
  return { events, participant: named?.participant, session: named?.session, unknown, diagnostics };
}
