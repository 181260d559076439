/**
 * Multiple-comparison adjustments of a family of p-values, returned in input order; NaN
 * p-values stay NaN and are left out of the family. Same results as statsmodels
 * `multipletests(method='holm' | 'fdr_bh')`.
 * - Holm (1979, Scand. J. Statist. 6:65): step-down, p̃_(i) = max_{j≤i} min(1, (m−j+1)·p_(j)).
 * - Benjamini & Hochberg (1995, JRSS B 57:289): step-up, p̃_(i) = min_{j≥i} min(1, m·p_(j)/j).
 */

function familyOrder(p: readonly number[]): number[] {
  const idx: number[] = [];
  p.forEach((v, i) => {
    if (!Number.isNaN(v)) idx.push(i);
  });
  return idx.sort((a, b) => (p[a] as number) - (p[b] as number));
}

export function holm(pvalues: readonly number[]): number[] {
  const out = pvalues.map(() => NaN);
  const order = familyOrder(pvalues);
  const m = order.length;
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pvalues[idx] as number)));
    out[idx] = running;
  });
  return out;
}

export function benjaminiHochberg(pvalues: readonly number[]): number[] {
  const out = pvalues.map(() => NaN);
  const order = familyOrder(pvalues);
  const m = order.length;
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank] as number;
    running = Math.min(running, Math.min(1, (m * (pvalues[idx] as number)) / (rank + 1)));
    out[idx] = running;
  }
  return out;
}
