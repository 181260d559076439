// Vitest's global setup: the unit tests' temporary files go to one folder of this run (TMPDIR,
// which os.tmpdir() reads and the workers and the CLI processes they start inherit), removed
// when the run ends. Each case makes a temporary folder of its own and does not remove it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-unit-'));
  process.env['TMPDIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
