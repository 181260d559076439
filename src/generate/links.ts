// When one user sees another user's connection and stream. Shared by the plan (subscriber success
// times) and the events writer, so both agree to the millisecond.
import type { Family } from './options';
import type { AttemptPlan, UserPlan } from './model';
import { Rng } from './prng';

export interface RemoteLink {
  /** OV2 remote `connectionCreated`. */
  seenAt: number;
  /** LiveKit `TrackPublished` (only when the remote publishes after we connected). */
  publishedAt: number | null;
  /** OV2 remote `streamCreated` / LiveKit `TrackSubscribed` (audio). */
  mediaAt: number | null;
  /** OV2 remote `streamPlaying` / LiveKit `TrackSubscribed` (video). */
  playingAt: number | null;
  /** The remote left (failed) while we stayed: OV2 `streamDestroyed` / LiveKit `TrackUnsubscribed`. */
  goneAt: number | null;
  /** End of the shared time: min of both attempts' ends. */
  endAt: number;
}

/** Attempt that took part in the session (signalling connected, not an early failure). */
export function isPresent(a: AttemptPlan): a is AttemptPlan & { connectedAt: number } {
  return a.connectedAt !== null && !a.early;
}

/**
 * The remote events `me` (attempt `a`) gets about `other` (attempt `b`), or null when the two
 * attempts were never in the session together. Deterministic in (seed, test, users, attempts).
 */
export function remoteLink(
  seed: string,
  test: string,
  family: Family,
  me: UserPlan,
  a: AttemptPlan,
  other: UserPlan,
  b: AttemptPlan,
): RemoteLink | null {
  if (!isPresent(a) || !isPresent(b)) return null;
  const lo = Math.max(a.connectedAt, b.connectedAt);
  const hi = Math.min(a.endAt, b.endAt);
  if (lo >= hi) return null;
  const rng = new Rng(
    `${seed}\u0000link\u0000${test}\u0000${me.session}\u0000${me.user}\u0000${a.index}\u0000${other.user}\u0000${b.index}`,
  );
  const seenAt = Math.round(lo + rng.range(40, 400));
  if (seenAt >= hi) return null;
  let publishedAt: number | null = null;
  let mediaAt: number | null = null;
  let playingAt: number | null = null;
  if (other.role === 'PUBLISHER' && b.successAt !== null) {
    const from = Math.max(a.connectedAt, b.successAt);
    const m = Math.round(
      from + rng.range(family === 'ov2' ? 120 : 60, family === 'ov2' ? 650 : 450),
    );
    const p = Math.round(m + rng.range(family === 'ov2' ? 300 : 20, family === 'ov2' ? 1400 : 160));
    if (family === 'livekit' && b.successAt > a.connectedAt) {
      publishedAt = Math.round(b.successAt + rng.range(20, 200));
    }
    if (m < hi) mediaAt = m;
    if (p < hi && mediaAt !== null) playingAt = p;
    if (publishedAt !== null && (mediaAt === null || publishedAt > mediaAt)) publishedAt = mediaAt;
  }
  let goneAt: number | null = null;
  if (b.failure !== null && b.endAt < a.endAt) {
    const g = Math.round(b.endAt + rng.range(800, 6000));
    if (g < a.endAt) goneAt = g;
  }
  return { seenAt, publishedAt, mediaAt, playingAt, goneAt, endAt: hi };
}
