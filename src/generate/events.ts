// events.json, connections.json and errors.json of one user (FORMATS §1.1, §1.2).
import type { AttemptPlan, RootPlan, TestPlan, UserPlan } from './model';
import { cpuAt } from './cpu';
import { envelope, failureEvent, sessionName, userName } from './failures';
import { remoteLink } from './links';
import type { RemoteLink } from './links';
import { Rng } from './prng';
import { isoUtc } from './time';

export interface TimedEvent {
  at: number;
  body: Record<string, unknown>;
}

/** Collects a user's events; `add` wraps the fields in the sendEvent envelope. */
class EventList {
  readonly items: TimedEvent[] = [];
  constructor(private readonly who: UserPlan) {}
  add(at: number, fields: Record<string, unknown>): void {
    this.items.push({ at: Math.round(at), body: envelope(this.who, Math.round(at), fields) });
  }
  push(at: number, body: Record<string, unknown>): void {
    this.items.push({ at, body });
  }
}

interface Context {
  seed: string;
  test: TestPlan;
  sessionUsers: UserPlan[];
}

/** Every (other user, attempt) pair whose events reach this attempt. */
function linksOf(
  ctx: Context,
  me: UserPlan,
  a: AttemptPlan,
): { other: UserPlan; b: AttemptPlan; link: RemoteLink }[] {
  const out: { other: UserPlan; b: AttemptPlan; link: RemoteLink }[] = [];
  for (const other of ctx.sessionUsers) {
    if (other === me) continue;
    for (const b of other.attempts) {
      const link = remoteLink(ctx.seed, ctx.test.spec.name, ctx.test.spec.family, me, a, other, b);
      if (link) out.push({ other, b, link });
    }
  }
  return out;
}

function failureEvents(list: EventList, me: UserPlan, a: AttemptPlan): void {
  for (const line of a.failure?.lines ?? []) {
    const ev = failureEvent(me, a, line);
    if (ev && line.eventAt !== null) list.push(line.eventAt, ev);
  }
}

function ov2Attempt(ctx: Context, list: EventList, me: UserPlan, a: AttemptPlan, rng: Rng): void {
  list.add(a.startAt, { event: 'connectionStart' });
  if (a.connectedAt !== null)
    list.add(a.connectedAt, {
      event: 'connectionCreated',
      connectionId: a.connectionId,
      connection: 'local',
    });
  if (me.role === 'PUBLISHER' && a.successAt !== null && a.connectedAt !== null && !a.early) {
    const allowed = a.connectedAt + rng.range(15, 60);
    list.add(allowed, { event: 'accessAllowed', connectionId: '', connection: 'local' });
    list.add(allowed + rng.range(20, 80), { event: 'connectedPublisher' });
    list.add(a.successAt, {
      event: 'streamCreated',
      connectionId: a.streamId,
      connection: 'local',
    });
    const playing = a.successAt + rng.range(60, 200);
    if (playing < a.endAt)
      list.add(playing, { event: 'streamPlaying', connectionId: '', connection: 'local' });
    speakingNoise(list, a.successAt, a.endAt, rng);
  }
  const links = a.early ? [] : linksOf(ctx, me, a);
  for (const { b, link } of links) {
    list.add(link.seenAt, {
      event: 'connectionCreated',
      connectionId: b.connectionId,
      connection: 'remote',
    });
    if (link.mediaAt === null) continue;
    list.add(link.mediaAt, {
      event: 'streamCreated',
      connectionId: b.streamId,
      connection: 'remote',
    });
    if (link.playingAt !== null)
      list.add(link.playingAt, {
        event: 'streamPlaying',
        connectionId: b.streamId,
        connection: 'remote',
      });
    if (link.goneAt !== null) {
      list.add(link.goneAt, {
        event: 'streamDestroyed',
        reason: 'networkDisconnect',
        connectionId: b.streamId,
        connection: 'remote',
      });
    }
  }
  for (const r of a.reconnects) {
    list.add(r.at, { event: 'reconnecting', connectionId: '' });
    if (r.recovered) list.add(r.endAt, { event: 'reconnected', connectionId: '' });
  }
  failureEvents(list, me, a);
  const disconnect = a.failure?.lines.find(l => l.via === 'sessionDisconnected')?.eventAt ?? null;
  if (disconnect === null) return;
  if (me.role === 'PUBLISHER' && a.successAt !== null) {
    list.add(disconnect + rng.range(5, 50), {
      event: 'streamDestroyed',
      reason: 'networkDisconnect',
      connectionId: a.streamId,
      connection: 'local',
    });
  }
  for (const { b, link } of links) {
    if (
      link.mediaAt === null ||
      link.mediaAt >= disconnect ||
      (link.goneAt !== null && link.goneAt <= disconnect)
    )
      continue;
    list.add(disconnect + rng.range(10, 80), {
      event: 'streamDestroyed',
      reason: 'networkDisconnect',
      connectionId: b.streamId,
      connection: 'remote',
    });
  }
}

/** publisherStartSpeaking / publisherStopSpeaking pairs every 8–40 s (noise the notebook drops). */
function speakingNoise(list: EventList, from: number, to: number, rng: Rng): void {
  for (let t = from + rng.range(3000, 20000); t + 6000 < to; t += rng.range(8000, 40000)) {
    list.add(t, { event: 'publisherStartSpeaking', connectionId: '', connection: 'local' });
    list.add(t + rng.range(800, 5000), {
      event: 'publisherStopSpeaking',
      connectionId: '',
      connection: 'local',
    });
  }
}

function trackInfo(
  user: number,
  session: number,
  type: 'audio' | 'video',
  isLocal: boolean,
): Record<string, unknown> {
  return {
    track: {},
    participantId: userName(user),
    sessionId: sessionName(session),
    type,
    videoHeight: '480',
    videoWidth: '640',
    isLocal,
  };
}

function quality(cpu: number): string {
  return cpu < 0.75 ? 'excellent' : cpu < 0.9 ? 'good' : cpu < 0.98 ? 'poor' : 'lost';
}

function livekitAttempt(
  ctx: Context,
  list: EventList,
  me: UserPlan,
  a: AttemptPlan,
  rng: Rng,
): void {
  list.add(a.startAt, { event: 'connectionStart' });
  list.add(a.startAt + rng.range(5, 30), { event: 'ConnectionStateChanged', state: 'connecting' });
  if (a.connectedAt !== null) {
    list.add(a.startAt + (a.connectedAt - a.startAt) * rng.range(0.35, 0.6), {
      event: 'SignalConnected',
    });
    list.add(a.connectedAt - 1, { event: 'ConnectionStateChanged', state: 'connected' });
    list.add(a.connectedAt, { event: 'Connected' });
    let last = -1;
    for (
      let t = a.connectedAt + rng.range(5000, 30000);
      t < a.endAt;
      t += rng.range(20000, 60000)
    ) {
      const q = quality(cpuAt(ctx.test.cpu, t));
      if (q === 'excellent' && last === -1) continue;
      list.add(t, { event: 'ConnectionQualityChanged', quality: q, participantSid: a.sid });
      last = t;
    }
  }
  if (me.role === 'PUBLISHER' && a.successAt !== null) {
    list.add(a.successAt, {
      event: 'LocalTrackPublished',
      connectionId: a.sid,
      connection: 'local',
      trackInfo: trackInfo(me.user, me.session, 'audio', true),
    });
    const video = a.successAt + rng.range(40, 120);
    if (video < a.endAt) {
      list.add(video, {
        event: 'LocalTrackPublished',
        connectionId: a.sid,
        connection: 'local',
        trackInfo: trackInfo(me.user, me.session, 'video', true),
      });
      list.add(video + rng.range(5, 20), { event: 'connectedPublisher' });
    }
  }
  for (const { other, b, link } of a.early ? [] : linksOf(ctx, me, a)) {
    const remote = { connectionId: b.sid, connection: 'remote' };
    const remoteUser = userName(other.user);
    if (link.publishedAt !== null)
      list.add(link.publishedAt, { event: 'TrackPublished', ...remote, remoteUser });
    // audio track first (mediaAt), then video (playingAt)
    for (const [type, at] of [
      ['audio', link.mediaAt],
      ['video', link.playingAt],
    ] as const) {
      if (at === null) continue;
      const info = trackInfo(other.user, other.session, type, false);
      list.add(at, { event: 'TrackSubscribed', ...remote, trackInfo: info, remoteUser });
    }
    if (link.goneAt === null) continue;
    const types = (['audio', 'video'] as const).filter(
      (_, i) => (i === 0 ? link.mediaAt : link.playingAt) !== null,
    );
    types.forEach((type, i) => {
      const at = link.goneAt as number;
      list.add(at + i * 3, {
        event: 'TrackUnsubscribed',
        ...remote,
        trackInfo: trackInfo(other.user, other.session, type, false),
        remoteUser,
      });
      list.add(at + i * 3 + 1, { event: 'TrackUnsubscribed', ...remote, remoteUser });
    });
    list.add(link.goneAt + 10, { event: 'ParticipantDisconnected', participantSid: b.sid });
  }
  for (const r of a.reconnects) {
    list.add(r.at, { event: 'Reconnecting', connection: 'local' });
    list.add(r.at + 1, { event: 'ConnectionStateChanged', state: 'reconnecting' });
    if (r.recovered) {
      list.add(r.endAt, { event: 'Reconnected', connection: 'local' });
      list.add(r.endAt + 1, { event: 'ConnectionStateChanged', state: 'connected' });
    }
  }
  failureEvents(list, me, a);
  if (a.failure)
    list.add((a.failure.lines[0]?.eventAt ?? a.failure.at) + 1, {
      event: 'ConnectionStateChanged',
      state: 'disconnected',
    });
}

/**
 * Arrival order: sorted by time, then some close neighbours swapped, because the browser posts
 * events asynchronously and the file keeps them in the order the emulator received them.
 */
export function arrivalOrder(events: TimedEvent[], rng: Rng): TimedEvent[] {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at - y.e.at || x.i - y.i)
    .map(x => x.e);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] as TimedEvent;
    const b = sorted[i + 1] as TimedEvent;
    if (b.at - a.at < 120 && rng.chance(0.18)) {
      sorted[i] = b;
      sorted[i + 1] = a;
      i++;
    }
  }
  return sorted;
}

/** All events of one user, in arrival order. */
export function userEvents(plan: RootPlan, test: TestPlan, me: UserPlan): TimedEvent[] {
  const ctx: Context = {
    seed: plan.options.seed,
    test,
    sessionUsers: test.users.filter(u => u.session === me.session),
  };
  const list = new EventList(me);
  const rng = new Rng(plan.options.seed).fork('events', test.spec.name, me.session, me.user);
  for (const a of me.attempts) {
    if (test.spec.family === 'ov2') ov2Attempt(ctx, list, me, a, rng);
    else livekitAttempt(ctx, list, me, a, rng);
  }
  return arrivalOrder(list.items, rng);
}

export function jsonArray(items: readonly unknown[]): string {
  return `[${items.map(i => JSON.stringify(i)).join(',')}]`;
}

export function eventsJson(plan: RootPlan, test: TestPlan, me: UserPlan): string {
  return jsonArray(userEvents(plan, test, me).map(e => e.body));
}

/** browser-manager `sendStreamsData`: one record per participant creation. */
export function connectionsJson(test: TestPlan, me: UserPlan): string {
  const worker = test.workers[me.worker];
  const records = me.attempts.map(a => {
    const at = a.createdAt + 250;
    const active = test.users.filter(
      u => u.worker === me.worker && u.attempts.some(x => x.createdAt <= at && x.endAt > at),
    ).length;
    return {
      '@timestamp': isoUtc(at),
      streams: Math.max(1, active) * test.spec.publishers,
      node_role: 'browseremulator',
      worker_name: worker?.name ?? 'worker_unknown',
      new_participant_id: userName(me.user),
      new_participant_session: sessionName(me.session),
    };
  });
  return jsonArray(records);
}

/**
 * `POST /events/errors`: `JSON.stringify(new Error())` is `{}`, so only the envelope survives.
 * The current tool also records LiveKit webhook failures for real browsers.
 */
export function errorsJson(plan: RootPlan, test: TestPlan, me: UserPlan): string {
  const records: Record<string, unknown>[] = [];
  for (const a of me.attempts) {
    if (!a.failure || a.failure.cause === 'http') continue;
    records.push(envelope(me, a.failure.at + 12, {}));
    if (plan.options.format === 'current' && test.spec.family === 'livekit') {
      records.push(
        envelope(me, a.failure.at + 30, {
          type: 'REAL_PARTICIPANT_WEBHOOK_ERROR',
          source: 'lk-webhook',
          reason:
            a.connectedAt === null
              ? 'webhook-participant_connection_aborted'
              : 'webhook-participant_left',
        }),
      );
    }
  }
  return jsonArray(records);
}
