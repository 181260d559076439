/**
 * The keys of two runs' YAML configurations that differ, for reading a comparison: a candidate
 * that ran with other rooms, another media-node count or another engine is not the same
 * experiment. Values are the effective ones (`parseRunConfig`: the file's over the schema's
 * defaults), so a key set in one file to its default value is not a difference. Secrets were
 * redacted when the files were read: two secrets both read as `REDACTED` and are never compared.
 */
import type { ConfigRow } from './configYaml';

export interface ConfigDifference {
  /** Dotted path, `testcases[0].sessions`. */
  readonly path: string;
  /** The baseline's value; undefined when its configuration does not have the key. */
  readonly baseline?: string;
  readonly candidate?: string;
  /** Each side's value is the schema's default (not set in its file). */
  readonly defaulted: readonly [boolean, boolean];
}

/** Keys whose values differ, in the baseline's order then the candidate's own keys. */
export function configDiff(
  baseline: readonly ConfigRow[],
  candidate: readonly ConfigRow[],
): ConfigDifference[] {
  const b = new Map(baseline.map(r => [r.path, r]));
  const c = new Map(candidate.map(r => [r.path, r]));
  const paths = [...new Set([...b.keys(), ...c.keys()])];
  const out: ConfigDifference[] = [];
  for (const path of paths) {
    const x = b.get(path);
    const y = c.get(path);
    if (x?.value === y?.value) continue;
    out.push({
      path,
      ...(x ? { baseline: x.value } : {}),
      ...(y ? { candidate: y.value } : {}),
      defaulted: [x?.defaulted ?? false, y?.defaulted ?? false],
    });
  }
  return out;
}
