/**
 * Platform metrics of a planned scenario, as Grafana/Prometheus would return them (one point per
 * 30-s step over the tool's padded window, GrafanaPrometheusClient.QUERIES) and Metricbeat node
 * samples every 10 s (media nodes, master node, workers). Degradation grows past 70 % of the
 * media nodes' capacity.
 */
import { Rng } from '../prng';
import type { ScenarioPlan } from './model';
import type { RunGenOptions } from './options';
import {
  METRICBEAT_STEP_MS,
  PROMETHEUS_STEP_MS,
  platformParticipants,
  roomParticipants,
  sampleTimes,
  workerName,
} from './plan';

export interface PlatformPoint {
  readonly t: number;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
}

export const METRIC_DESCRIPTIONS: Readonly<Record<string, [string, string]>> = {
  participants: ['participants', 'Concurrent participants connected to the platform'],
  rooms: ['rooms', 'Active rooms on the platform'],
  tracks_published: ['tracks', 'Audio/video tracks published by participants'],
  tracks_subscribed: ['tracks', 'Track subscriptions served (streams forwarded) by the SFU'],
  participant_join_rate: ['joins/s', 'Rate at which participants join rooms'],
  bandwidth_in: ['bps', 'Media traffic received from publishers'],
  bandwidth_out: ['bps', 'Media traffic sent to subscribers'],
  packets_in: ['pkts/s', 'RTP packets per second received'],
  packets_out: ['pkts/s', 'RTP packets per second sent'],
  packet_loss: ['%', 'Platform-wide percentage of RTP packets lost'],
  rtt_p95: ['ms', '95th percentile round-trip time between clients and the platform'],
  jitter_p95: ['ms', '95th percentile packet arrival jitter'],
  nack_rate: ['nacks/s', 'Retransmission requests per second (signals packet loss)'],
  pli_rate: ['plis/s', 'Keyframe requests per second (signals video corruption)'],
  quality_score: ['score', 'LiveKit connection quality score (0 worst, 5 best)'],
};

/** Metrics PromQL computes as a ratio or a histogram quantile: no value without traffic. */
const RATIO_METRICS = new Set(['packet_loss', 'rtt_p95', 'jitter_p95', 'quality_score']);

const VIDEO_BPS = 1_200_000;
const AUDIO_BPS = 40_000;
const PACKET_BYTES = 1100;

function tracks(
  s: ScenarioPlan,
  t: number,
  topology: string,
): { pub: number; sub: number; rooms: number } {
  let pub = 0;
  let sub = 0;
  let rooms = 0;
  const cap =
    s.platformCap /
    Math.max(
      1,
      s.rooms.reduce((a, r) => a + r.connected, 0),
    );
  for (const r of s.rooms) {
    const n = Math.floor(roomParticipants(r, s, t) * Math.min(1, cap));
    if (n === 0) continue;
    rooms++;
    const p = Math.min(n, r.publishers);
    const subs = n - p;
    pub += 2 * p;
    sub += topology === 'N:M' ? 2 * p * (p - 1) + 2 * subs * p : 2 * n * (n - 1);
  }
  return { pub, sub, rooms };
}

export function platformPoints(s: ScenarioPlan, o: RunGenOptions): PlatformPoint[] {
  const rng = new Rng(`${o.seed}\u0000platform\u0000${s.index}`);
  const trips = new Set(o.trips);
  // mediasoup behind OpenVidu 3 exports the room and track counters but not LiveKit's traffic
  // and quality counters (OPENVIDU-REPORTING.md §2: "only 6 of the 15 platform metrics are usable").
  const mediasoup = o.engine === 'mediasoup';
  const zeroTraffic = trips.has('zeroCounters') || mediasoup;
  const out: PlatformPoint[] = [];
  let previous = 0;
  for (const t of sampleTimes(s, PROMETHEUS_STEP_MS)) {
    const n = platformParticipants(s, t);
    const { pub, sub, rooms } = tracks(s, t, o.topology);
    const load = n / (o.mediaCapacity * o.mediaNodes);
    const over = Math.max(0, load - 0.7);
    const noise = (): number => 1 + rng.range(-0.03, 0.03);
    const bwIn = (pub / 2) * (VIDEO_BPS + AUDIO_BPS) * o.factors.bitrate * noise();
    const fanout = pub > 0 ? sub / pub : 0;
    const bwOut = trips.has('noForwarding')
      ? bwIn * 1.1
      : bwIn * fanout * (0.96 + rng.range(0, 0.03));
    const loss = n > 0 ? 0.05 + over * 8 + rng.range(0, 0.04) : 0;
    const value: Record<string, number> = {
      participants: n,
      rooms,
      tracks_published: pub,
      tracks_subscribed: sub,
      participant_join_rate: Math.max(0, (n - previous) / 30),
      bandwidth_in: zeroTraffic ? 0 : bwIn,
      bandwidth_out: zeroTraffic ? 0 : bwOut,
      packets_in: zeroTraffic ? 0 : bwIn / 8 / PACKET_BYTES,
      packets_out: zeroTraffic ? 0 : bwOut / 8 / PACKET_BYTES,
      packet_loss: mediasoup ? 0 : loss,
      rtt_p95: n > 0 && !mediasoup ? 38 + over * 400 + rng.range(0, 6) : 0,
      jitter_p95: n > 0 && !mediasoup ? 6 + over * 60 + rng.range(0, 2) : 0,
      nack_rate: n > 0 && !mediasoup ? (bwOut / 8 / PACKET_BYTES) * (loss / 100) * 0.8 : 0,
      pli_rate: n > 0 && !mediasoup ? 0.02 * rooms + over * 3 : 0,
      quality_score: n > 0 ? Math.max(0, Math.min(5, 4.85 - over * 9 + rng.range(-0.05, 0.05))) : 0,
    };
    previous = n;
    for (const [metric, [unit]] of Object.entries(METRIC_DESCRIPTIONS)) {
      // Ratios and quantiles of empty rates are NaN in Prometheus; the controller drops them.
      if (n === 0 && RATIO_METRICS.has(metric)) continue;
      out.push({ t, metric, value: value[metric]!, unit });
    }
  }
  return out;
}

export interface NodePoint {
  readonly t: number;
  readonly host: string;
  readonly role: 'medianode' | 'masternode' | 'browseremulator';
  /** 0–1 fractions, as Metricbeat writes them. */
  readonly cpu: number;
  readonly memory: number;
}

export function nodePoints(s: ScenarioPlan, o: RunGenOptions): NodePoint[] {
  const rng = new Rng(`${o.seed}\u0000nodes\u0000${s.index}`);
  const trips = new Set(o.trips);
  const out: NodePoint[] = [];
  for (const t of sampleTimes(s, METRICBEAT_STEP_MS)) {
    const n = platformParticipants(s, t);
    const perNode = n / o.mediaNodes;
    let firstMedia = 0;
    for (let m = 0; m < o.mediaNodes; m++) {
      const skew = o.mediaNodes > 1 ? (m === 0 ? 1.08 : 0.92) : 1;
      const cpu = Math.min(
        0.995,
        0.04 + (0.9 * perNode * skew * o.factors.cpu) / o.mediaCapacity + rng.range(0, 0.015),
      );
      if (m === 0) firstMedia = cpu;
      out.push({
        t,
        host: `media-node-${m + 1}`,
        role: 'medianode',
        cpu,
        memory: 0.22 + 0.3 * (perNode / o.mediaCapacity),
      });
    }
    const masterCpu = trips.has('hostWideCpu')
      ? firstMedia + rng.range(-0.002, 0.002)
      : 0.03 + 0.08 * (n / (o.mediaCapacity * o.mediaNodes)) + rng.range(0, 0.01);
    out.push({ t, host: 'master-node-1', role: 'masternode', cpu: masterCpu, memory: 0.31 });
    for (let w = 0; w < o.workers; w++) {
      const hosted = s.rooms
        .filter((r, i) => i % o.workers === w)
        .reduce((a, r) => a + roomParticipants(r, s, t), 0);
      const cpu =
        trips.has('generatorSaturation') && hosted > 0
          ? 0.93 + rng.range(0, 0.065)
          : Math.min(0.8, 0.05 + hosted / 60 + rng.range(0, 0.02));
      out.push({
        t,
        host: `worker-${w + 1}`,
        role: 'browseremulator',
        cpu,
        memory: 0.4 + hosted / 200,
      });
    }
  }
  return out;
}

export { workerName };
