/**
 * The plain-language reading of one comparison, generated from its statistics (never written by
 * hand): which group has the higher median, by how much, how large the effect is (Cliff's delta =
 * the notebook's rank-biserial r, with Romano et al. 2006's thresholds 0.147 / 0.33 / 0.474), and
 * the Mann–Whitney p-value. The notebook's r is 2U/(nX·nY) − 1 with U of X: positive when X tends
 * to be larger, so the reading of Y against X uses −r for the direction.
 */

export interface ReadingInput {
  /** What is compared (`QoE (VMAF)`, `Connection start duration (s)`). */
  readonly metric: string;
  /** Group labels (`CPU < 0.9`, `CPU >= 0.9`). */
  readonly x: string;
  readonly y: string;
  readonly nX: number;
  readonly nY: number;
  readonly medianX: number;
  readonly medianY: number;
  /** The notebook's rank-biserial r (2U/(nX·nY) − 1, U of X). */
  readonly rankBiserial: number;
  /** Mann–Whitney two-sided p. */
  readonly pvalue: number;
  /** Significance level (0.05). */
  readonly alpha?: number;
}

export type EffectMagnitude = 'negligible' | 'small' | 'medium' | 'large';

/** Romano et al. (2006) thresholds for |Cliff's delta|. */
export function effectMagnitude(delta: number): EffectMagnitude {
  const d = Math.abs(delta);
  if (d < 0.147) return 'negligible';
  if (d < 0.33) return 'small';
  if (d < 0.474) return 'medium';
  return 'large';
}

const MINUS = '\u2212';

/** Two decimals below 10 (two significant digits below 0.1), one below 100, none above. */
export function readingNumber(v: number): string {
  const a = Math.abs(v);
  let text: string;
  if (a === 0) text = '0';
  else if (a < 0.1) text = a.toPrecision(2);
  else if (a < 10) text = a.toFixed(2);
  else if (a < 100) text = a.toFixed(1);
  else text = a.toFixed(0);
  return v < 0 ? `${MINUS}${text}` : text;
}

function signed(v: number): string {
  return v > 0 ? `+${readingNumber(v)}` : readingNumber(v);
}

/** `p < 0.001`, else `p = ` two significant digits. */
export function readingP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

function tooFew(i: ReadingInput): string | undefined {
  if (i.nX < 1 || i.nY < 1 || !Number.isFinite(i.medianX) || !Number.isFinite(i.medianY))
    return `${i.metric}: ${i.x} and ${i.y} cannot be compared (n = ${i.nX} and ${i.nY}).`;
  return undefined;
}

export function plainReading(i: ReadingInput): string {
  const missing = tooFew(i);
  if (missing) return missing;
  const diff = i.medianY - i.medianX;
  const delta = -i.rankBiserial; // Y against X
  const hasP = Number.isFinite(i.pvalue);
  const hasDelta = Number.isFinite(delta);
  const effect = hasDelta
    ? `${effectMagnitude(delta)} effect (r = ${readingNumber(i.rankBiserial)})`
    : 'effect size not computable';
  const test = hasP ? `Mann–Whitney ${readingP(i.pvalue)}` : 'Mann–Whitney not computable';
  const figures = `median ${signed(diff)} (${readingNumber(i.medianX)} → ${readingNumber(i.medianY)}), ${effect}, ${test}, n = ${i.nX} vs ${i.nY}.`;
  const significant = hasP && i.pvalue < (i.alpha ?? 0.05);
  const direction = diff !== 0 ? diff : hasDelta ? delta : 0;
  if (!significant || direction === 0)
    return `No clear difference in ${i.metric} between ${i.x} and ${i.y}: ${figures}`;
  return `${i.metric} is ${direction < 0 ? 'lower' : 'higher'} when ${i.y}: ${figures}`;
}
