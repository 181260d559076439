/**
 * Survival function of the two-sided one-sample Kolmogorov statistic D_n, P(D_n ≥ x): scipy's
 * `kstwo.sf(x, n)` (scipy/stats/_ksstats.py, `_kolmogn`), used by `ks_2samp` in its asymptotic
 * mode. The same regions as scipy are used:
 * - Ruben & Gambino (1982) closed forms for n·x ≤ 1 and n·x ≥ n − 1;
 * - 2·smirnov(n, x) where it is exact (x ≥ 1/2) or accurate (n·x² ≥ 2.2 for n > 140, ≥ 4 for
 *   n ≤ 140), with the one-sided Smirnov tail of Birnbaum & Tingey (1951), summed in log space;
 * - the Durbin (1968) matrix as programmed by Marsaglia, Tsang & Wang (2003, J. Stat. Softw. 8(18))
 *   elsewhere for n ≤ 140 (scipy uses Pomeranz's exact recursion for 0.754693 < n·x² ≤ 4; both
 *   are exact) and for n ≤ 100000 with n·x^1.5 ≤ 1.4;
 * - otherwise the Pelz & Good (1976, JRSS B 38:152) asymptotic series, as in Simard & L'Ecuyer
 *   (2011, J. Stat. Softw. 39(11)).
 */
import { logGamma } from './special';

/** One-sided Smirnov tail P(D_n^+ ≥ x), Birnbaum & Tingey (1951). */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const jmax = Math.floor(n * (1 - x) + 1e-12);
  const logN = logGamma(n + 1);
  let sum = 0;
  for (let j = 0; j <= jmax; j++) {
    const a = 1 - x - j / n;
    if (a <= 0 && n - j > 0) continue;
    const logTerm =
      logN -
      logGamma(j + 1) -
      logGamma(n - j + 1) +
      (n - j) * Math.log(a) +
      (j - 1) * Math.log(x + j / n);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, x * sum);
}

type Matrix = Float64Array;

function matMul(a: Matrix, b: Matrix, m: number): Matrix {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++)
        c[i * m + j] = (c[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return c;
}

const SCALE_EXP = 140;

/** H^n with a base-10 exponent kept separately (Marsaglia, Tsang & Wang `mPower`). */
function matPow(h: Matrix, m: number, n: number): { q: Matrix; e: number } {
  if (n === 1) return { q: h, e: 0 };
  const half = matPow(h, m, Math.floor(n / 2));
  let q = matMul(half.q, half.q, m);
  let e = 2 * half.e;
  if (n % 2 === 1) q = matMul(h, q, m);
  const centre = (m >> 1) * m + (m >> 1);
  if ((q[centre] as number) > 10 ** SCALE_EXP) {
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) * 10 ** -SCALE_EXP;
    e += SCALE_EXP;
  }
  return { q, e };
}

/** P(D_n < d), exact (Marsaglia, Tsang & Wang 2003). */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;
  const H = new Float64Array(m * m);
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push((fact[i - 1] as number) * i);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 >= 0 ? 1 / (fact[i - j + 1] as number) : 0;
  }
  for (let i = 0; i < m; i++) {
    H[i * m] = (H[i * m] as number) - h ** (i + 1) / (fact[i + 1] as number);
    H[(m - 1) * m + i] = (H[(m - 1) * m + i] as number) - h ** (m - i) / (fact[m - i] as number);
  }
  if (2 * h - 1 > 0)
    H[(m - 1) * m] = (H[(m - 1) * m] as number) + (2 * h - 1) ** m / (fact[m] as number);
  const { q, e } = matPow(H, m, n);
  let s = q[(k - 1) * m + k - 1] as number;
  let eQ = e;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      eQ -= 140;
    }
  }
  return s * 10 ** eQ;
}

const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const SQRT2PI = Math.sqrt(2 * Math.PI);

/** Pelz–Good asymptotic P(D_n ≤ x) (Pelz & Good 1976; Simard & L'Ecuyer 2011, eq. 9-10). */
export function kolmogorovCdfPelzGood(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -745) return 0;
  const q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z6 * z2;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const c = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qp + (c[i] as number);
  }
  const div = [z, 6 * z4, 72 * z6 * z, 6480 * z6 * z4];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * SQRT2PI) / (div[i] as number);
  const q2 = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const s3z = Math.sqrt(3) * z;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qp = q2 ** k2;
    k2extra += k2 * qp;
    k3extra += (s3z + Math.PI * k) * (s3z - Math.PI * k) * k2 * qp;
  }
  K[2] = (K[2] as number) + (k2extra * PI2 * SQRT2PI) / (-36 * z2 * z);
  K[3] = (K[3] as number) + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let total = 0;
  for (let i = 0; i < 4; i++) total += (K[i] as number) / n ** (i / 2);
  return total;
}

/** log(n!/n^n). */
function logFactorialOverPower(n: number): number {
  return logGamma(n + 1) - n * Math.log(n);
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** P(D_n ≥ x) (scipy `kstwo.sf(x, n)`). */
export function kolmogorovSf(x: number, n: number): number {
  if (Number.isNaN(x) || !(n >= 1)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip(1 - Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1)));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    return nx2 <= 4 ? clip(1 - kolmogorovCdfDurbin(n, x)) : clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf =
    n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, x) : kolmogorovCdfPelzGood(n, x);
  return clip(1 - cdf);
}
