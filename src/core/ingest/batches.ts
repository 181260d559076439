/** `dfs_final/batches.json`: `{ "<test>": {"startingParticipants": n, "batchSize": m} }` (FORMATS.md §4.1). */
import { diagnostic, type Diagnostic } from '../model/diagnostic';

export interface BatchConfig {
  readonly startingParticipants: number;
  readonly batchSize: number;
}

export interface BatchesFile {
  readonly tests: ReadonlyMap<string, BatchConfig>;
  readonly diagnostics: Diagnostic[];
}

/**
 * A test's batch setting: its own entry, else (for a later test case of a log, `T#2`) that of the
 * folder test whose log holds it.
 */
export function testBatch(
  batches: BatchesFile | undefined,
  location: { readonly name: string; readonly folderTest?: string },
): BatchConfig | undefined {
  const tests = batches?.tests;
  return (
    tests?.get(location.name) ?? (location.folderTest ? tests?.get(location.folderTest) : undefined)
  );
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function parseBatches(text: string, file: string): BatchesFile {
  const tests = new Map<string, BatchConfig>();
  const diagnostics: Diagnostic[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    diagnostics.push(
      diagnostic(
        'error',
        'json.invalid',
        file,
        `Invalid JSON: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
    return { tests, diagnostics };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diagnostics.push(
      diagnostic('error', 'batches.notObject', file, 'Expected an object keyed by test name.'),
    );
    return { tests, diagnostics };
  }
  for (const [test, cfg] of Object.entries(value as Record<string, unknown>)) {
    const c = (cfg ?? {}) as Record<string, unknown>;
    if (isCount(c['startingParticipants']) && isCount(c['batchSize']) && c['batchSize'] > 0) {
      tests.set(test, {
        startingParticipants: c['startingParticipants'],
        batchSize: c['batchSize'],
      });
    } else {
      diagnostics.push(
        diagnostic(
          'warning',
          'batches.badEntry',
          file,
          `Entry for "${test}" needs integer startingParticipants ≥ 0 and batchSize ≥ 1; ignored.`,
          {
            jsonPath: `["${test}"]`,
          },
        ),
      );
    }
  }
  return { tests, diagnostics };
}
