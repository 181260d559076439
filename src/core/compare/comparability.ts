// Can two tests be compared? Each difference that could explain a verdict on its own is a warning
// with the evidence from both sides.
import type { CompareTest } from './source';
import { progressText, type RunProgress } from './progress';
import { plural } from '../../shared/format';

export interface ComparabilityWarning {
  readonly code:
    | 'participantsPerSession'
    | 'batchSize'
    | 'platform'
    | 'users'
    | 'duration'
    | 'missingQoe'
    | 'missingStats'
    | 'clockSkew'
    | 'stoppedEarly';
  readonly message: string;
  readonly baseline: string;
  readonly candidate: string;
}

/** Relative difference of durations above which they are flagged. */
export const DURATION_TOLERANCE = 0.2;

function perSession(t: CompareTest): string {
  const sizes = [...new Set(t.summary.sessions.map(s => s.users.length))].sort((a, b) => a - b);
  const pubs = t.summary.sessions.length
    ? Math.round(t.summary.publisherCount / t.summary.sessions.length)
    : 0;
  return `${sizes.join('/') || '0'} users (${pubs} publishers) per session`;
}

function batchOf(t: CompareTest): string {
  return t.batch
    ? `startingParticipants ${t.batch.startingParticipants}, batchSize ${t.batch.batchSize}`
    : 'not in dfs_final/batches.json';
}

function skewOf(t: CompareTest): string | null {
  const d = t.diagnostics.find(x => x.code === 'log.clockSkew');
  return d ? d.message : null;
}

export function comparability(
  b: CompareTest,
  c: CompareTest,
  progress?: { readonly baseline: RunProgress; readonly candidate: RunProgress },
): ComparabilityWarning[] {
  const out: ComparabilityWarning[] = [];
  const differ = (
    code: ComparabilityWarning['code'],
    what: string,
    of: (t: CompareTest) => string,
  ): void => {
    const vb = of(b);
    const vc = of(c);
    if (vb !== vc) out.push({ code, message: `${what} differ`, baseline: vb, candidate: vc });
  };
  differ('participantsPerSession', 'Participants per session', perSession);
  differ('batchSize', 'Batch settings', batchOf);
  differ(
    'platform',
    'Media server / platform',
    t => `${t.summary.platform}${t.summary.family ? ` (${t.summary.family})` : ''}`,
  );
  differ(
    'users',
    'Numbers of users',
    t =>
      `${plural(t.summary.userCount, 'user')} in ${plural(t.summary.sessions.length, 'session')}`,
  );
  const db = b.summary.durationSeconds;
  const dc = c.summary.durationSeconds;
  if (
    db !== undefined &&
    dc !== undefined &&
    Math.abs(db - dc) > DURATION_TOLERANCE * Math.max(db, dc)
  )
    out.push({
      code: 'duration',
      message: `Test durations differ by more than ${DURATION_TOLERANCE * 100} %`,
      baseline: `${db.toFixed(0)} s`,
      candidate: `${dc.toFixed(0)} s`,
    });
  const qoe = (t: CompareTest): string =>
    t.summary.qoeFiles > 0 ? `${t.summary.qoeFiles} QoE files` : 'no QoE files';
  if (b.summary.qoeFiles === 0 || c.summary.qoeFiles === 0)
    out.push({
      code: 'missingQoe',
      message: 'QoE (VMAF/ViSQOL) is missing: no QoE verdict',
      baseline: qoe(b),
      candidate: qoe(c),
    });
  const stats = (t: CompareTest): string =>
    t.qos ? `${t.data.qos?.sources.length ?? 0} stats.json` : 'no stats.json';
  if (!b.qos || !c.qos)
    out.push({
      code: 'missingStats',
      message: 'WebRTC stats are missing: no RTT/jitter/loss/bitrate verdict',
      baseline: stats(b),
      candidate: stats(c),
    });
  const sb = skewOf(b);
  const sc = skewOf(c);
  if (sb || sc)
    out.push({
      code: 'clockSkew',
      message: 'Clock skew between the controller log and the events',
      baseline: sb ?? 'none found',
      candidate: sc ?? 'none found',
    });
  if (progress && (progress.baseline.stoppedEarly || progress.candidate.stoppedEarly))
    out.push({
      code: 'stoppedEarly',
      message: `Stopped early (${stoppedSides(progress)}): its verdicts cover only the load it reached`,
      baseline: progressText(progress.baseline),
      candidate: progressText(progress.candidate),
    });
  return out;
}

function stoppedSides(p: {
  readonly baseline: RunProgress;
  readonly candidate: RunProgress;
}): string {
  if (p.baseline.stoppedEarly && p.candidate.stoppedEarly) return 'both tests';
  return p.baseline.stoppedEarly ? 'the baseline' : 'the candidate';
}
