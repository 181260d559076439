/**
 * `npm run bench -- fuzz`: 10,000 damaged folders (LTL_FUZZ_FOLDERS overrides) through
 * `summary`, `analyze` and `run` in one process; prints the exit codes seen, the failures (a
 * crash or a read outside the folder, each with its seed to replay) and the time per folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFailure, fuzzFolders, writeSeeds } from '../test/fuzz/folderFuzz';

async function main(): Promise<void> {
  const folders = Number(process.env['LTL_FUZZ_FOLDERS'] ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'ltl-fuzz-bench-'));
  try {
    const seeds = await writeSeeds(dir);
    const t0 = performance.now();
    const result = await fuzzFolders({
      seeds,
      folders,
      onFolder: (i, r) => {
        if ((i + 1) % 500 === 0) console.log(`  ${i + 1} folders, ${r.failures.length} failures`);
      },
    });
    const ms = performance.now() - t0;
    console.log(
      `fuzz: ${result.folders} folders, ${result.commands} commands in ${(ms / 1000).toFixed(0)} s (${(ms / result.folders).toFixed(0)} ms a folder)`,
    );
    console.log(`exit codes: ${JSON.stringify(result.exitCodes)}`);
    console.log(`failures: ${result.failures.length} (crashes or outside reads)`);
    for (const f of result.failures.slice(0, 30)) console.log(`  ${describeFailure(f)}`);
    if (result.failures.length > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
