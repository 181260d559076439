import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { saveExport } from '../../../src/extension/exportSave';
import { parseExportFile, type ExportFile } from '../../../src/shared/views/common';

/** The widely used 1×1 PNG (signature, IHDR, IDAT, IEND: 70 bytes). */
const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function fakeDeps(choose: string | undefined, fail?: Error) {
  const asked: { defaultPath: string; format: string }[] = [];
  const written: { path: string; bytes: Uint8Array }[] = [];
  return {
    asked,
    written,
    deps: {
      defaultFolder: '/home/u',
      showSaveDialog: async (defaultPath: string, format: string) => {
        asked.push({ defaultPath, format });
        return choose;
      },
      writeFile: async (path: string, bytes: Uint8Array) => {
        if (fail) throw fail;
        written.push({ path, bytes });
      },
    },
  };
}

const csvMessage: ExportFile = {
  test: 't',
  format: 'csv',
  name: 't-progression.csv',
  data: 'a,b\r\n1,é\r\n',
};

describe('saveExport writes only where the user chose', () => {
  it('asks with the suggested name in the default folder (not the root) and writes the bytes there', async () => {
    const f = fakeDeps('/chosen/out.csv');
    const answer = await saveExport(csvMessage, f.deps);
    expect(f.asked).toEqual([{ defaultPath: join('/home/u', 't-progression.csv'), format: 'csv' }]);
    expect(f.written).toHaveLength(1);
    expect(f.written[0]!.path).toBe('/chosen/out.csv');
    // UTF-8 of the text: é is two bytes (0xc3 0xa9).
    expect([...f.written[0]!.bytes]).toEqual([
      0x61, 0x2c, 0x62, 0x0d, 0x0a, 0x31, 0x2c, 0xc3, 0xa9, 0x0d, 0x0a,
    ]);
    expect(answer).toEqual({
      format: 'csv',
      outcome: 'saved',
      message: 'Saved CSV to /chosen/out.csv',
    });
  });

  it('defaults to the home folder when no folder is given', async () => {
    const f = fakeDeps(undefined);
    const { defaultFolder: _unused, ...deps } = f.deps;
    await saveExport(csvMessage, deps);
    expect(f.asked[0]!.defaultPath).toBe(join(homedir(), 't-progression.csv'));
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const f = fakeDeps(undefined);
    const answer = await saveExport(csvMessage, f.deps);
    expect(f.written).toEqual([]);
    expect(answer.outcome).toBe('cancelled');
  });

  it('decodes PNG base64 to the PNG bytes', async () => {
    const f = fakeDeps('/chosen/x.png');
    const answer = await saveExport(
      { test: 't', format: 'png', name: 'x.png', data: PNG_1x1 },
      f.deps,
    );
    expect(answer.outcome).toBe('saved');
    const bytes = f.written[0]!.bytes;
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.from(bytes.subarray(12, 16)).toString('latin1')).toBe('IHDR');
    expect(bytes.length).toBe(70);
  });

  it('refuses PNG data whose bytes are not a PNG (never asks, never writes)', async () => {
    const f = fakeDeps('/chosen/x.png');
    // The signature's base64 followed by a truncation: decodes to 8 bytes only.
    const answer = await saveExport(
      { test: 't', format: 'png', name: 'x.png', data: 'iVBORw0KGgo=' },
      f.deps,
    );
    expect(answer.outcome).toBe('failed');
    expect(f.asked).toEqual([]);
    expect(f.written).toEqual([]);
  });

  it('reports a failed write with the path', async () => {
    const f = fakeDeps('/ro/x.csv', new Error('EACCES'));
    const answer = await saveExport(csvMessage, f.deps);
    expect(answer.outcome).toBe('failed');
    expect(answer.message).toContain('/ro/x.csv');
    expect(answer.message).toContain('EACCES');
  });
});

describe('parseExportFile: the exportFile request', () => {
  const ok = { test: 't', format: 'png', name: 'a b-1.png', data: PNG_1x1 };
  it('accepts a PNG and a CSV export', () => {
    expect(parseExportFile(ok)).toEqual(ok);
    expect(parseExportFile({ ...csvMessage })).toEqual(csvMessage);
  });
  it.each([
    ['a path in the name', { ...ok, name: '../x.png' }],
    ['a slash', { ...ok, name: 'a/x.png' }],
    ['a backslash', { ...ok, name: 'a\\x.png' }],
    ['a hidden file', { ...ok, name: '.x.png' }],
    ['the other extension', { ...ok, name: 'x.csv' }],
    ['no extension', { ...ok, name: 'x' }],
    ['an unknown format', { ...ok, format: 'svg', name: 'x.svg' }],
    ['PNG data that is not a PNG', { ...ok, data: 'R0lGODlhAQABAAAAACw=' }],
    ['PNG data that is not base64', { ...ok, data: 'iVBORw0KGgo<script>' }],
    ['empty data', { ...csvMessage, data: '' }],
    ['data that is not text', { ...csvMessage, data: 42 }],
    ['no test', { ...ok, test: '' }],
  ])('refuses %s', (_why, raw) => {
    expect(parseExportFile(raw)).toBeUndefined();
  });
  it('refuses data beyond the size limit', () => {
    expect(parseExportFile({ ...csvMessage, data: 'x'.repeat(60_000_001) })).toBeUndefined();
  });
});
