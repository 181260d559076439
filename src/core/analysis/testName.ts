/**
 * What a test's name tells: the notebook picks the event family by `"kurento"`/`"mediasoup"` in
 * the name and the topology by `<P>p` / `<S>s` (`loadtest-webrtc-2024-mediasoup-3p-10s`).
 */
import type { EventFamily, Platform } from '../model/test';

export interface TestNameInfo {
  readonly platform: Platform;
  readonly family?: EventFamily;
  readonly publishersPerSession?: number;
  readonly subscribersPerSession?: number;
}

export function parseTestName(name: string): TestNameInfo {
  const lower = name.toLowerCase();
  const platform: Platform = lower.includes('kurento')
    ? 'kurento'
    : lower.includes('mediasoup')
      ? 'mediasoup'
      : lower.includes('pion') || lower.includes('livekit')
        ? 'pion'
        : 'unknown';
  const family: EventFamily | undefined =
    platform === 'kurento' || platform === 'mediasoup'
      ? 'openvidu2'
      : platform === 'pion'
        ? 'livekit'
        : undefined;
  const p = /(?:^|[-_])(\d+)p(?=$|[-_])/.exec(lower);
  const s = /(?:^|[-_])(\d+)s(?=$|[-_])/.exec(lower);
  return {
    platform,
    family,
    publishersPerSession: p ? Number(p[1]) : undefined,
    subscribersPerSession: s ? Number(s[1]) : p ? 0 : undefined,
  };
}
