/**
 * `npm run bench -- fuzz`: 10,000 damaged folders (LTL_FUZZ_FOLDERS overrides) through
 * `summary`, `analyze`, `run` and `compare`, split over one process per core (LTL_FUZZ_PROCESSES
 * overrides); prints the exit codes seen, the failures (a crash, a read outside the folder, or
 * damage no command named; each with its seed to replay) and the time per folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COMMAND_COUNT,
  describeFailure,
  fuzzFolders,
  writeSeeds,
  type FuzzFailure,
} from '../test/fuzz/folderFuzz';

interface ShardResult {
  readonly folders: number;
  readonly exitCodes: Record<string, number>;
  readonly failures: FuzzFailure[];
}

const SHARD = process.env['LTL_FUZZ_SHARD'];

/** One process's share: folders [first, first + count), printed as JSON on the last line. */
async function shard(first: number, count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-fuzz-bench-'));
  // The commands' parse cache goes with the shard's folder, not into the user's cache.
  process.env['LOADTEST_LENS_CACHE_DIR'] = join(dir, 'cache');
  try {
    const seeds = await writeSeeds(dir);
    const r = await fuzzFolders({ seeds, folders: count, firstSeed: first });
    const out: ShardResult = { folders: r.folders, exitCodes: r.exitCodes, failures: r.failures };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runShard(first: number, count: number): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!], {
      env: { ...process.env, LTL_FUZZ_SHARD: `${first}:${count}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.on('error', reject);
    child.on('close', code => {
      const last = text.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as ShardResult);
      } catch {
        reject(new Error(`fuzz shard ${first}:${count} exited ${code} without a result`));
      }
    });
  });
}

async function main(): Promise<void> {
  const folders = Number(process.env['LTL_FUZZ_FOLDERS'] ?? 10_000);
  const processes = Number(process.env['LTL_FUZZ_PROCESSES'] ?? availableParallelism());
  const per = Math.ceil(folders / processes);
  const t0 = performance.now();
  const shards = await Promise.all(
    Array.from({ length: processes }, (_, i) =>
      runShard(1 + i * per, Math.max(0, Math.min(per, folders - i * per))),
    ),
  );
  const ms = performance.now() - t0;
  const exitCodes: Record<string, number> = {};
  for (const s of shards)
    for (const [k, n] of Object.entries(s.exitCodes)) exitCodes[k] = (exitCodes[k] ?? 0) + n;
  const failures = shards.flatMap(s => s.failures);
  const done = shards.reduce((a, s) => a + s.folders, 0);
  console.log(
    `fuzz: ${done} folders (${done * COMMAND_COUNT} commands) in ${(ms / 1000).toFixed(0)} s over ${processes} processes (${((ms * processes) / done).toFixed(0)} ms a folder per process)`,
  );
  console.log(`exit codes: ${JSON.stringify(exitCodes)}`);
  console.log(
    `failures: ${failures.length} (crashes, reads outside the folder, damage no command named)`,
  );
  for (const f of failures.slice(0, 30)) console.log(`  ${describeFailure(f)}`);
  if (failures.length > 0) process.exitCode = 1;
}

if (SHARD) {
  const [first, count] = SHARD.split(':').map(Number) as [number, number];
  void shard(first, count);
} else {
  void main();
}
