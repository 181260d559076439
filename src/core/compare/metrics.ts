// The metrics a comparison judges, with their direction (which way is better) and unit.

import type { MetricId, MetricSpec } from '../model/change';

export const METRICS: readonly MetricSpec[] = [
  {
    id: 'connectionTime',
    label: 'Connection-start time',
    unit: 's',
    better: 'lower',
    kind: 'continuous',
    observation:
      'one connectionStart segment of connection_stats (connectionStart → success or failure)',
  },
  {
    id: 'failureRate',
    label: 'Failure rate',
    unit: 'users',
    better: 'lower',
    kind: 'proportion',
    observation: 'one user: failed when the controller log has a "failed N times" line for it',
  },
  {
    id: 'usersReached',
    label: 'Users reached',
    unit: 'users',
    better: 'higher',
    kind: 'count',
    observation:
      'one per test: users that started (an event in events.json or a creation line in the log)',
  },
  {
    id: 'vmaf',
    label: 'QoE VMAF',
    unit: 'VMAF 0–100',
    better: 'higher',
    kind: 'continuous',
    observation: 'one QOE segment of connection_stats (mean VMAF of its fragments)',
  },
  {
    id: 'visqol',
    label: 'QoE ViSQOL',
    unit: 'MOS 1–5',
    better: 'higher',
    kind: 'continuous',
    observation: 'one QOE segment of connection_stats (mean ViSQOL of its fragments)',
  },
  {
    id: 'rtt',
    label: 'Round-trip time',
    unit: 'ms',
    better: 'lower',
    kind: 'continuous',
    observation: "one user's median roundTripTime of remote-inbound video (publishers)",
  },
  {
    id: 'jitter',
    label: 'Jitter',
    unit: 'ms',
    better: 'lower',
    kind: 'continuous',
    observation: "one user's median jitter of inbound video",
  },
  {
    id: 'packetLoss',
    label: 'Packet loss',
    unit: '%',
    better: 'lower',
    kind: 'continuous',
    observation: "one user's median loss ratio of inbound video",
  },
  {
    id: 'bitrate',
    label: 'Bitrate',
    unit: 'kbit/s',
    better: 'higher',
    kind: 'continuous',
    observation: "one user's median inbound video bitrate (samples > 0)",
  },
];

export function metricSpec(id: MetricId): MetricSpec {
  return METRICS.find(m => m.id === id) as MetricSpec;
}
