/**
 * Damaged and hostile folders through `summary`, `analyze`, `run` and `compare` (the damaged
 * copy against its undamaged seed) (issue 19): no crash (exit 3 or a thrown error), no read
 * outside the folder, and damage that must be said (a file turned into a folder, a link out,
 * emptied, a JSON file cut short) named by some command. `npm test` runs 100 folders
 * (LTL_FUZZ_FOLDERS overrides); `npm run bench -- fuzz` runs 10,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFailure, fuzzFolders, writeSeeds } from '../../fuzz/folderFuzz';

const FOLDERS = Number(process.env['LTL_FUZZ_FOLDERS'] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'ltl-fuzz-seeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('damaged folders', () => {
  it(
    `${FOLDERS} folders: no crash, nothing read outside, every damage named`,
    { timeout: 600_000 },
    async () => {
      const seeds = await writeSeeds(dir);
      const result = await fuzzFolders({ seeds, folders: FOLDERS, firstSeed: 1 });
      expect(result.failures.map(f => describeFailure(f))).toEqual([]);
      // Every command ran on every folder, and the damage made some of them refuse their input.
      const ran = Object.values(result.exitCodes).reduce((a, b) => a + b, 0);
      expect(ran).toBe(result.commands);
      expect(Object.keys(result.exitCodes).some(k => k.endsWith(' 2'))).toBe(true);
    },
  );
});
