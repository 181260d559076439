// The browser events behind a failure, shared by the events writer and the controller log (the
// WebSocket ERROR line embeds the exact event JSON the browser sent).
import type { AttemptPlan, FailureLine } from './model';
import { isoUtc } from './time';

export interface Who {
  user: number;
  session: number;
}

export function userName(user: number): string {
  return `User${user}`;
}

export function sessionName(session: number): string {
  return `LoadTestSession${session}`;
}

/** Adds the `sendEvent` envelope: participant, session, timestamp (in that order, last). */
export function envelope(
  who: Who,
  at: number,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...fields,
    participant: userName(who.user),
    session: sessionName(who.session),
    timestamp: isoUtc(at),
  };
}

/** openvidu-browser's message for ICE_CONNECTION_FAILED, with the PC and stream of the attempt. */
export function iceFailedReason(attempt: AttemptPlan): string {
  const target = attempt.streamId || attempt.connectionId;
  return `IceConnectionState of RTCPeerConnection ${attempt.connectionId.slice(4)} (${target}) change to "failed". The connection has been lost`;
}

/** The browser event that made the controller write `line` (null for an HTTP error). */
export function failureEvent(
  who: Who,
  attempt: AttemptPlan,
  line: FailureLine,
): Record<string, unknown> | null {
  if (line.eventAt === null) return null;
  switch (line.via) {
    case 'exception':
      return envelope(who, line.eventAt, {
        event: 'exception',
        connectionId: attempt.connectionId,
        reason: iceFailedReason(attempt),
        name: 'ICE_CONNECTION_FAILED',
      });
    case 'sessionDisconnected':
      return envelope(who, line.eventAt, {
        event: 'sessionDisconnected',
        connectionId: attempt.connectionId,
        reason: 'networkDisconnect',
        connection: 'local',
      });
    case 'Disconnected':
      return envelope(who, line.eventAt, { event: 'Disconnected', connection: 'local' });
    default:
      return null;
  }
}
