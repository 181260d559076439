/** Numeric flags of the comparisons (`--alpha 0.01`…): each checked and stored under its config key. */
import { textOf, type ParsedArgs } from './args';

/** The numeric thresholds given, by config key; a string is the bad value. */
export function numberFlags<K extends string>(
  args: ParsedArgs,
  specs: Readonly<Record<string, { key: K; ok: (v: number) => boolean }>>,
): Partial<Record<K, number>> | string {
  const numbers: Partial<Record<K, number>> = {};
  for (const [flag, spec] of Object.entries(specs)) {
    const v = textOf(args, flag);
    if (v === undefined) continue;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || !spec.ok(n)) return `${flag}: bad value "${v}"`;
    numbers[spec.key] = n;
  }
  return numbers;
}
