// stats.json of one user: `{webrtcStats: [...], timestamp, user, session}` elements every
// statsInterval seconds with @peermetrics/webrtc-stats items (FORMATS §1.3). Streamed as chunks.
import type { AttemptPlan, RootPlan, TestPlan, UserPlan } from './model';
import { clamp, cpuAt } from './cpu';
import { sessionName, userName } from './failures';
import { remoteLink } from './links';
import type { RemoteLink } from './links';
import { Rng } from './prng';
import { isoUtc } from './time';
import { maxOf, minOf } from '../shared/arrays';

/** Network/media conditions at a node CPU: everything degrades past ~70 %. */
export interface Conditions {
  stress: number;
  videoBps: number;
  audioBps: number;
  loss: number;
  jitterVideo: number;
  jitterAudio: number;
  rtt: number;
  fps: number;
}

export function conditions(cpu: number, rng: Rng): Conditions {
  const stress = Math.pow(clamp((cpu - 0.7) / 0.3, 0, 1), 1.3);
  return {
    stress,
    videoBps: 1_050_000 * (1 - 0.55 * stress) * rng.range(0.92, 1.08),
    audioBps: rng.range(33_000, 39_000),
    loss: clamp(0.0005 + 0.07 * stress * stress + 0.002 * Math.abs(rng.normal()), 0, 0.4),
    jitterVideo: 0.004 + 0.045 * stress + 0.0015 * Math.abs(rng.normal()),
    jitterAudio: 0.002 + 0.03 * stress + 0.001 * Math.abs(rng.normal()),
    rtt: 0.006 + 0.12 * stress + 0.002 * Math.abs(rng.normal()),
    fps: Math.round(30 - 14 * stress),
  };
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

interface Counter {
  ssrc: number;
  bytes: number;
  packets: number;
  lost: number;
  frames: number;
  lastTs: number | null;
  extra: number;
}

/** Cumulative RTP counters of one report id; rates use the previous sample (0 on the first). */
class Track {
  readonly c: Counter;
  constructor(
    readonly kind: 'audio' | 'video',
    rng: Rng,
  ) {
    this.c = {
      ssrc: rng.int(10_000_000, 4_000_000_000),
      bytes: 0,
      packets: 0,
      lost: 0,
      frames: 0,
      lastTs: null,
      extra: 0,
    };
  }

  /** Advance to `ts` (ms) at the given conditions; returns the computed bitrate/packetRate. */
  advance(
    ts: number,
    k: Conditions,
  ): { bitrate: number; packetRate: number; newLost: number; newPackets: number } {
    const prev = this.c.lastTs;
    const dt = prev === null ? 1 : Math.max(0.001, (ts - prev) / 1000);
    const bps = this.kind === 'video' ? k.videoBps : k.audioBps;
    const bytes = Math.round((bps / 8) * dt);
    const packets = Math.max(1, Math.round(this.kind === 'video' ? bytes / 1100 : 50 * dt));
    const lost = Math.round(packets * k.loss);
    this.c.bytes += bytes;
    this.c.packets += packets - lost;
    this.c.lost += lost;
    this.c.frames += Math.round(k.fps * dt);
    this.c.lastTs = ts;
    if (prev === null) return { bitrate: 0, packetRate: 0, newLost: lost, newPackets: packets };
    // webrtc-stats computeRate: Δ/Δt(ms)·1000·8, also for packets (the ×8 quirk)
    return {
      bitrate: round(((bytes * 1000) / (ts - prev)) * 8, 2),
      packetRate: round((((packets - lost) * 1000) / (ts - prev)) * 8, 2),
      newLost: lost,
      newPackets: packets,
    };
  }
}

const CODEC = {
  audio: { clockRate: 48000, mimeType: 'audio/opus', payloadType: 111 },
  video: { clockRate: 90000, mimeType: 'video/VP8', payloadType: 96 },
};

/** The identifying fields every Chrome inbound-rtp / outbound-rtp report starts with. */
function rtpHeader(
  t: Track,
  ts: number,
  direction: 'inbound' | 'outbound',
): Record<string, unknown> {
  const letter = direction === 'inbound' ? 'I' : 'O';
  return {
    id: `${letter}T01${t.kind === 'audio' ? 'A' : 'V'}${t.c.ssrc}`,
    timestamp: ts,
    type: `${direction}-rtp`,
    ssrc: t.c.ssrc,
    kind: t.kind,
    transportId: 'T01',
    codecId:
      t.kind === 'audio' ? `C${letter}T01_111_minptime=10;useinbandfec=1` : `C${letter}T01_96`,
    mid: t.kind === 'audio' ? '0' : '1',
  };
}

function inboundRtp(t: Track, ts: number, k: Conditions): Record<string, unknown> {
  const r = t.advance(ts, k);
  const c = t.c;
  const base: Record<string, unknown> = {
    ...rtpHeader(t, ts, 'inbound'),
    trackIdentifier: `${t.kind}-${c.ssrc.toString(16)}`,
    packetsReceived: c.packets,
    packetsLost: c.lost,
    jitter: round(t.kind === 'audio' ? k.jitterAudio : k.jitterVideo, 4),
    bytesReceived: c.bytes,
    headerBytesReceived: c.packets * 12,
    lastPacketReceivedTimestamp: round(ts - 8, 1),
    jitterBufferDelay: round(c.packets * (t.kind === 'audio' ? 0.05 : 0.08), 3),
    jitterBufferEmittedCount: t.kind === 'audio' ? c.packets * 960 : c.frames,
    nackCount: Math.round(c.lost * 0.8),
    firCount: 0,
    pliCount: Math.round(c.lost / 40),
  };
  if (t.kind === 'video') {
    Object.assign(base, {
      framesReceived: c.frames,
      framesDecoded: Math.max(0, c.frames - Math.round(c.lost / 8)),
      keyFramesDecoded: 1 + Math.round(c.lost / 40),
      framesDropped: Math.round(c.lost / 8),
      frameWidth: k.stress > 0.6 ? 320 : 640,
      frameHeight: k.stress > 0.6 ? 240 : 480,
      framesPerSecond: k.fps,
      qpSum: c.frames * 28,
      totalDecodeTime: round(c.frames * 0.0021, 3),
      totalInterFrameDelay: round(c.frames / 30, 3),
      freezeCount: Math.round(c.lost / 100),
      pauseCount: 0,
      totalFreezesDuration: round(c.lost / 300, 3),
      decoderImplementation: 'libvpx',
    });
  } else {
    Object.assign(base, {
      audioLevel: 0.03,
      totalAudioEnergy: round(c.packets * 0.0004, 4),
      totalSamplesReceived: c.packets * 960,
      concealedSamples: c.lost * 960,
      concealmentEvents: Math.round(c.lost / 3),
      fecPacketsReceived: Math.round(c.lost / 2),
    });
  }
  return { ...base, ...CODEC[t.kind], track: {}, bitrate: r.bitrate, packetRate: r.packetRate };
}

function outboundRtp(
  t: Track,
  ts: number,
  k: Conditions,
): { out: Record<string, unknown>; remote: Record<string, unknown> } {
  const r = t.advance(ts, k);
  const c = t.c;
  const sent = c.packets + c.lost;
  const out: Record<string, unknown> = {
    ...rtpHeader(t, ts, 'outbound'),
    bytesSent: c.bytes,
    packetsSent: sent,
    headerBytesSent: sent * 12,
    retransmittedPacketsSent: Math.round(c.lost * 0.7),
    retransmittedBytesSent: Math.round(c.lost * 0.7 * 1000),
    targetBitrate: t.kind === 'audio' ? 32000 : Math.round(k.videoBps),
    nackCount: Math.round(c.lost * 0.8),
    pliCount: Math.round(c.lost / 40),
    firCount: 0,
    mediaSourceId: `SO${t.kind === 'audio' ? 1 : 2}`,
    remoteId: `RI01${t.kind === 'audio' ? 'A' : 'V'}${c.ssrc}`,
    active: true,
  };
  if (t.kind === 'video') {
    Object.assign(out, {
      framesEncoded: c.frames,
      framesSent: c.frames,
      keyFramesEncoded: 1 + Math.round(c.lost / 40),
      hugeFramesSent: 0,
      frameWidth: k.stress > 0.6 ? 320 : 640,
      frameHeight: k.stress > 0.6 ? 240 : 480,
      framesPerSecond: k.fps,
      qpSum: c.frames * 30,
      totalEncodeTime: round(c.frames * 0.003, 3),
      totalPacketSendDelay: round(sent * 0.0004, 3),
      qualityLimitationReason: k.stress > 0.3 ? 'bandwidth' : 'none',
      qualityLimitationDurations: {
        bandwidth: 0,
        cpu: 0,
        none: round((c.frames / 30) * 1, 3),
        other: 0,
      },
      qualityLimitationResolutionChanges: k.stress > 0.6 ? 1 : 0,
      encoderImplementation: 'libvpx',
    });
  }
  Object.assign(out, CODEC[t.kind], {
    track: { id: `SO${t.kind === 'audio' ? 1 : 2}`, type: 'media-source', kind: t.kind },
    bitrate: r.bitrate,
    packetRate: r.packetRate,
  });
  const remote: Record<string, unknown> = {
    id: `RI01${t.kind === 'audio' ? 'A' : 'V'}${c.ssrc}`,
    timestamp: round(ts - 40, 1),
    type: 'remote-inbound-rtp',
    ssrc: c.ssrc,
    kind: t.kind,
    localId: out.id,
    transportId: 'T01',
    codecId: out.codecId,
    packetsLost: c.lost,
    fractionLost: round(r.newPackets > 0 ? r.newLost / r.newPackets : 0, 4),
    jitter: round(t.kind === 'audio' ? k.jitterAudio : k.jitterVideo, 4),
    roundTripTime: round(k.rtt, 4),
    totalRoundTripTime: round((c.packets / 50) * k.rtt, 4),
    roundTripTimeMeasurements: Math.max(1, Math.round(c.packets / 50)),
    ...CODEC[t.kind],
  };
  return { out, remote };
}

function remoteOutboundAudio(t: Track, ts: number): Record<string, unknown> {
  return {
    id: `ROA${t.c.ssrc}`,
    timestamp: round(ts - 25, 1),
    type: 'remote-outbound-rtp',
    kind: 'audio',
    ssrc: t.c.ssrc,
    localId: `IT01A${t.c.ssrc}`,
    packetsSent: t.c.packets + t.c.lost,
    bytesSent: t.c.bytes,
    remoteTimestamp: Math.round(ts - 30),
    reportsSent: Math.max(1, Math.round(t.c.packets / 100)),
    ...CODEC.audio,
  };
}

function candidatePair(
  id: string,
  k: Conditions,
  sent: number,
  received: number,
): Record<string, unknown> {
  return {
    id,
    type: 'candidate-pair',
    state: 'succeeded',
    nominated: true,
    currentRoundTripTime: round(k.rtt, 4),
    totalRoundTripTime: round(k.rtt * 20, 3),
    availableOutgoingBitrate: Math.round(3_500_000 * (1 - 0.6 * k.stress)),
    bytesSent: sent,
    bytesReceived: received,
    requestsSent: 20,
    responsesReceived: 20,
    consentRequestsSent: 10,
    localCandidateId: `I${id.slice(2, 8)}L`,
    remoteCandidateId: `I${id.slice(2, 8)}R`,
    local: {
      candidateType: 'host',
      protocol: 'udp',
      address: '10.0.0.5',
      port: 50123,
      networkType: 'ethernet',
    },
    remote: { candidateType: 'host', protocol: 'udp', address: '10.0.1.9', port: 40000 },
    dataChannelsOpened: 0,
    dataChannelsClosed: 0,
  };
}

type Media = { inbound: unknown[]; outbound: unknown[] };
interface StatsData {
  audio: Media;
  video: Media;
  connection: Record<string, unknown>;
  remote: { audio: Media; video: Media };
}

function emptyData(): StatsData {
  return {
    audio: { inbound: [], outbound: [] },
    video: { inbound: [], outbound: [] },
    connection: {},
    remote: { audio: { inbound: [], outbound: [] }, video: { inbound: [], outbound: [] } },
  };
}

/** One RTCPeerConnection as webrtc-stats sees it. */
interface Pc {
  peerIds: (t: number) => string[];
  connectionId: string;
  from: number;
  to: number;
  endState: 'failed' | 'closed' | null;
  sample: (t: number, k: Conditions) => StatsData;
}

/** The publisher's own PC: outbound audio/video, remote-inbound RTCP reports. */
function publisherPc(peerId: string, connectionId: string, a: AttemptPlan, rng: Rng): Pc | null {
  if (a.successAt === null || a.early) return null;
  const audio = new Track('audio', rng);
  const video = new Track('video', rng);
  const pairId = `CP${rng.chars(8)}_${rng.chars(8)}`;
  return {
    peerIds: () => [peerId],
    connectionId,
    from: a.successAt,
    to: a.endAt,
    endState: a.failure ? 'failed' : null,
    sample: (t, k) => {
      const d = emptyData();
      const au = outboundRtp(audio, t, k);
      const vi = outboundRtp(video, t, k);
      d.audio.outbound.push(au.out);
      d.video.outbound.push(vi.out);
      d.remote.audio.inbound.push(au.remote);
      d.remote.video.inbound.push(vi.remote);
      d.connection = candidatePair(pairId, k, audio.c.bytes + video.c.bytes, 4000);
      return d;
    },
  };
}

/** OV2: one subscriber PC per remote stream. */
function ov2RemotePc(
  other: UserPlan,
  b: AttemptPlan,
  link: RemoteLink,
  failed: boolean,
  rng: Rng,
): Pc | null {
  const from = link.playingAt ?? link.mediaAt;
  const to = link.goneAt ?? link.endAt;
  if (from === null || from >= to) return null;
  const audio = new Track('audio', rng);
  const video = new Track('video', rng);
  const pairId = `CP${rng.chars(8)}_${rng.chars(8)}`;
  return {
    peerIds: () => [userName(other.user)],
    connectionId: b.streamId,
    from,
    to,
    endState: link.goneAt !== null ? 'closed' : failed ? 'failed' : null,
    sample: (t, k) => {
      const d = emptyData();
      d.audio.inbound.push(inboundRtp(audio, t, k));
      d.video.inbound.push(inboundRtp(video, t, k));
      d.remote.audio.outbound.push(remoteOutboundAudio(audio, t));
      d.connection = candidatePair(pairId, k, 12000, audio.c.bytes + video.c.bytes);
      return d;
    },
  };
}

/**
 * LiveKit: one subscriber PC for every remote participant, registered once per remote SID, so
 * the same reports appear under several peerIds (FORMATS §1.3).
 */
function livekitInboundPc(
  links: { b: AttemptPlan; link: RemoteLink }[],
  a: AttemptPlan,
  maxPeers: number,
  rng: Rng,
): Pc | null {
  const live = links
    .filter(l => l.link.mediaAt !== null)
    .sort((x, y) => (x.link.mediaAt as number) - (y.link.mediaAt as number));
  if (live.length === 0) return null;
  const tracks = live.map(l => ({
    l,
    audio: new Track('audio', rng),
    video: new Track('video', rng),
  }));
  const active = (t: number): typeof tracks =>
    tracks.filter(
      x => (x.l.link.mediaAt as number) <= t && t < (x.l.link.goneAt ?? x.l.link.endAt),
    );
  const pairId = `CP${rng.chars(8)}_${rng.chars(8)}`;
  return {
    peerIds: t =>
      active(t)
        .slice(0, maxPeers)
        .map(x => x.l.b.sid),
    connectionId: 'inbound',
    from: minOf(live.map(l => l.link.mediaAt as number)),
    to: a.endAt,
    endState: a.failure ? 'failed' : null,
    sample: (t, k) => {
      const d = emptyData();
      let bytes = 0;
      for (const x of active(t)) {
        d.audio.inbound.push(inboundRtp(x.audio, t, k));
        if (x.l.link.playingAt !== null && x.l.link.playingAt <= t)
          d.video.inbound.push(inboundRtp(x.video, t, k));
        bytes += x.audio.c.bytes + x.video.c.bytes;
      }
      d.connection = candidatePair(pairId, k, 9000, bytes);
      return d;
    },
  };
}

function userPcs(plan: RootPlan, test: TestPlan, me: UserPlan, rng: Rng): Pc[] {
  const pcs: Pc[] = [];
  const others = test.users.filter(
    u => u.session === me.session && u !== me && u.role === 'PUBLISHER',
  );
  const lk = test.spec.family === 'livekit';
  for (const a of me.attempts) {
    if (me.role === 'PUBLISHER') {
      const own = lk
        ? publisherPc(a.sid, 'outbound', a, rng)
        : publisherPc(userName(me.user), a.streamId, a, rng);
      if (own) pcs.push(own);
    }
    const links: { other: UserPlan; b: AttemptPlan; link: RemoteLink }[] = [];
    for (const other of others) {
      for (const b of other.attempts) {
        const link = remoteLink(
          plan.options.seed,
          test.spec.name,
          test.spec.family,
          me,
          a,
          other,
          b,
        );
        if (link) links.push({ other, b, link });
      }
    }
    if (lk) {
      const pc = livekitInboundPc(links, a, plan.options.livekitStatsPeers ?? Infinity, rng);
      if (pc) pcs.push(pc);
    } else {
      for (const { other, b, link } of links) {
        const pc = ov2RemotePc(other, b, link, a.failure !== null, rng);
        if (pc) pcs.push(pc);
      }
    }
  }
  return pcs;
}

function timelineItem(
  event: string,
  peerId: string,
  connectionId: string,
  data: string,
  at: number,
): Record<string, unknown> {
  return { event, tag: 'connection', peerId, connectionId, data, timestamp: isoUtc(at) };
}

/** webrtc-issue-detector output for one element: issues and, sometimes, network scores. */
function detectorItems(
  me: UserPlan,
  k: Conditions,
  cpu: number,
  rng: Rng,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const sample = {
    rtt: round(k.rtt * 1000, 1),
    packetLossPct: round(k.loss * 100, 2),
    avgJitter: round(k.jitterVideo * 1000, 1),
  };
  if (k.loss > 0.02 && rng.chance(0.5))
    items.push({ type: 'network', reason: 'inbound-network-quality', statsSample: sample });
  if (me.role === 'PUBLISHER' && k.rtt > 0.08 && rng.chance(0.4)) {
    items.push({ type: 'network', reason: 'outbound-network-media-latency', statsSample: sample });
  }
  if (cpu > 0.93 && rng.chance(0.3)) {
    items.push({
      type: 'cpu',
      reason: 'decoder-cpu-throttling',
      statsSample: { framesPerSecond: k.fps },
    });
  }
  if (rng.chance(0.35)) {
    const mos = round(clamp(4.4 - 3 * k.stress + 0.1 * rng.normal(), 1, 4.5), 2);
    const score: Record<string, unknown> = {};
    if (me.role === 'PUBLISHER') score.outbound = round(clamp(mos + 0.1 * rng.normal(), 1, 4.5), 2);
    score.inbound = mos;
    score.statsSamples = {
      inboundStatsSample: {
        avgJitter: sample.avgJitter,
        packetsLoss: sample.packetLossPct,
        avgRTT: sample.rtt,
      },
      outboundStatsSample:
        me.role === 'PUBLISHER'
          ? { avgJitter: sample.avgJitter, packetsLoss: sample.packetLossPct, avgRTT: sample.rtt }
          : {},
    };
    items.push(score);
  }
  return items;
}

/** The stats.json text of one user, as chunks (one element per chunk). */
export function* statsChunks(plan: RootPlan, test: TestPlan, me: UserPlan): Generator<string> {
  const rng = new Rng(plan.options.seed).fork('stats', test.spec.name, me.session, me.user);
  const pcs = userPcs(plan, test, me, rng);
  const interval = plan.options.statsInterval * 1000;
  const poll = plan.options.statsPoll * 1000;
  const tsKey =
    plan.options.format === 'current' && test.spec.family === 'livekit'
      ? '@timestamp'
      : 'timestamp';
  yield '[';
  if (pcs.length === 0) {
    yield ']';
    return;
  }
  const first = minOf(pcs.map(p => p.from));
  const last = maxOf(pcs.map(p => p.to));
  let count = 0;
  for (let end = first + interval; end - interval < last; end += interval) {
    const start = end - interval;
    const items: Record<string, unknown>[] = [];
    for (const pc of pcs) {
      if (pc.from >= start && pc.from < end) {
        for (const id of pc.peerIds(pc.from + 1) ?? []) {
          items.push(
            timelineItem('onconnectionstatechange', id, pc.connectionId, 'connected', pc.from),
          );
        }
      }
      for (
        let p = pc.from + Math.ceil((start - pc.from) / poll) * poll;
        p < end && p < pc.to;
        p += poll
      ) {
        if (p < pc.from || p < start) continue;
        const cpu = cpuAt(test.cpu, p);
        const data = pc.sample(round(p + rng.range(0.1, 3), 1), conditions(cpu, rng));
        const timeTaken = round(rng.range(1.2, 4) + 6 * cpu * cpu, 1);
        for (const peerId of pc.peerIds(p)) {
          items.push({
            event: 'stats',
            tag: 'stats',
            peerId,
            connectionId: pc.connectionId,
            timeTaken,
            timestamp: isoUtc(Math.round(p)),
            data,
          });
        }
      }
      if (pc.endState !== null && pc.to >= start && pc.to < end) {
        for (const id of pc.peerIds(pc.to - 1))
          items.push(
            timelineItem('onconnectionstatechange', id, pc.connectionId, pc.endState, pc.to),
          );
      }
    }
    if (items.length === 0) continue;
    const activeNow = pcs.some(pc => pc.from < end && pc.to > start);
    if (activeNow)
      items.push(
        ...detectorItems(me, conditions(cpuAt(test.cpu, end), rng), cpuAt(test.cpu, end), rng),
      );
    const element = {
      webrtcStats: items,
      [tsKey]: isoUtc(Math.round(end + rng.range(5, 40))),
      user: userName(me.user),
      session: sessionName(me.session),
    };
    yield (count++ === 0 ? '' : ',') + JSON.stringify(element);
  }
  yield ']';
}
