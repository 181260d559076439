/**
 * A compressed controller log (`logs/<test>.log.gz`, as log rotation or an upload leaves it) is
 * not read; instead of "has no log" alone, the warning names the compressed file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { KURENTO, makeMiniRoot } from './miniRoot';

async function noLog(root: string) {
  const s = await summarizeRoot(root, { logTimezone: 'auto', tests: [KURENTO] });
  return s.tests.flatMap(t => t.diagnostics).filter(d => d.code === 'layout.noLog');
}

describe('a compressed controller log', () => {
  it('is named, and said not to be read, when it is the only log of its test', async () => {
    const root = makeMiniRoot();
    const log = join(root, 'logs', `${KURENTO}.log`);
    writeFileSync(`${log}.gz`, gzipSync(readFileSync(log)));
    renameSync(log, `${log}.bak`);
    const found = await noLog(root);
    expect(found.map(d => d.file)).toEqual([`${log}.gz`]);
    expect(found[0]?.message).toContain(`${KURENTO}.log.gz is compressed and not read`);
  });

  it('beside the plain log (an older, rotated copy) changes nothing', async () => {
    const root = makeMiniRoot();
    const log = join(root, 'logs', `${KURENTO}.log`);
    writeFileSync(`${log}.gz`, gzipSync(readFileSync(log)));
    expect(await noLog(root)).toEqual([]);
  });
});
