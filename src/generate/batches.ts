// dfs_final/batches.json: `{ "<test>": {"startingParticipants": n, "batchSize": m}, ... }`.
import type { RootPlan } from './model';

export function batchesJson(plan: RootPlan): string {
  const out: Record<string, { startingParticipants: number; batchSize: number }> = {};
  for (const t of plan.tests)
    out[t.spec.name] = { startingParticipants: t.startingParticipants, batchSize: t.batchSize };
  return `${JSON.stringify(out, null, 4)}\n`;
}
