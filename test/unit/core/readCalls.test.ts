// The blocking reads of the CLI and the pool workers (src/core/util/readCalls.ts) give what the
// async reads give, and fail the same way. The mode is per thread and one-way, so this file
// reads everything async first, then switches and reads it again.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../../src/core/ingest/readFile';
import { FolderBoundary } from '../../../src/core/source/insideRoot';
import {
  fileBytes,
  lstatOf,
  readWithBlockingCalls,
  readsBlocking,
  statOf,
} from '../../../src/core/util/readCalls';

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'ltl-readcalls-'));
  mkdirSync(join(root, 'stats'));
  writeFileSync(join(root, 'stats', 'events.json'), '\ufeff[{"a":"é"}]');
  writeFileSync(join(root, 'stats', 'latin1.json'), Buffer.from([0x5b, 0xe9, 0x5d]));
  symlinkSync('/etc/hostname', join(root, 'stats', 'outside.json'));
  return root;
}

async function outcome<T>(p: Promise<T>): Promise<T | string> {
  return p.catch((err: NodeJS.ErrnoException) => `rejected ${err.code}`);
}

/** Everything the ingest's per-file path asks of the file system, for one folder. */
async function readings(root: string) {
  const file = join(root, 'stats', 'events.json');
  const missing = join(root, 'stats', 'missing.json');
  const boundary = new FolderBoundary(root);
  return {
    bytes: await outcome(fileBytes(file)),
    missingBytes: await outcome(fileBytes(missing)),
    folderBytes: await outcome(fileBytes(join(root, 'stats'))),
    size: await outcome(statOf(file).then(s => s.size)),
    missingStat: await outcome(statOf(missing)),
    isLink: await outcome(
      lstatOf(join(root, 'stats', 'outside.json')).then(s => s.isSymbolicLink()),
    ),
    text: await readTextFile(file),
    latin1: await readTextFile(join(root, 'stats', 'latin1.json')),
    missingText: (await readTextFile(missing)).diagnostics.map(d => d.code),
    allowsFile: await boundary.allows(file),
    allowsOutside: await boundary.allows(join(root, 'stats', 'outside.json')),
    boundaryCodes: boundary.diagnostics.map(d => d.code),
  };
}

describe('blocking reads', () => {
  it('read and fail as the async reads do', async () => {
    const root = folder();
    expect(readsBlocking()).toBe(false);
    const async = await readings(root);
    readWithBlockingCalls();
    expect(readsBlocking()).toBe(true);
    const blocking = await readings(root);
    expect(blocking).toEqual(async);
    // Independent expectations, so that two equally wrong readings cannot pass.
    expect(async.text.text).toBe('[{"a":"é"}]');
    expect(async.missingBytes).toBe('rejected ENOENT');
    expect(async.folderBytes).toBe('rejected EISDIR');
    expect(async.size).toBe(Buffer.byteLength('\ufeff[{"a":"é"}]'));
    expect(async.isLink).toBe(true);
    expect(async.latin1.diagnostics.map(d => d.code)).toEqual(['file.notUtf8']);
    expect(async.missingText).toEqual(['file.missing']);
    expect([async.allowsFile, async.allowsOutside]).toEqual([true, false]);
    expect(async.boundaryCodes).toEqual(['file.linkOutside']);
  });
});
