// The CLI's parse cache: on by default, in LOADTEST_LENS_CACHE_DIR when set; a second `summary`
// of an unchanged root prints the same thing from the cache; `cache info` counts the entries,
// `cache clear` deletes them; LOADTEST_LENS_CACHE=off writes nothing; nothing is written into
// the root.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir } from '../../../src/cli/cache';
import { main } from '../../../src/cli/main';
import { makeMiniRoot } from '../core/miniRoot';
import { collect } from './collect';

const saved = { ...process.env };
afterEach(() => {
  process.env['LOADTEST_LENS_CACHE'] = saved['LOADTEST_LENS_CACHE'];
  if (saved['LOADTEST_LENS_CACHE_DIR'] === undefined) delete process.env['LOADTEST_LENS_CACHE_DIR'];
  else process.env['LOADTEST_LENS_CACHE_DIR'] = saved['LOADTEST_LENS_CACHE_DIR'];
});

function useCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-cli-cache-'));
  process.env['LOADTEST_LENS_CACHE'] = '';
  process.env['LOADTEST_LENS_CACHE_DIR'] = dir;
  return dir;
}

/** Every file below `dir`, relative. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

async function run(argv: string[]) {
  const { out, io } = collect();
  const code = await main(argv, io);
  return { code, ...out };
}

describe('loadtest-lens cache', () => {
  it('summary twice: the same output, the second read from the cache folder', async () => {
    const dir = useCache();
    const root = makeMiniRoot();
    const before = tree(root);
    const first = await run(['summary', root, '--json']);
    expect(first.code).toBe(0);
    const entries = readdirSync(join(dir, 'ingest')).length;
    expect(entries).toBeGreaterThan(0);
    const second = await run(['summary', root, '--json']);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(join(dir, 'ingest'))).toHaveLength(entries);
    expect(tree(root)).toEqual(before);
    const info = await run(['cache', 'info']);
    expect(info.stdout).toContain(join(dir, 'ingest'));
    expect(info.stdout).toContain(`${entries} entries`);
    const cleared = await run(['cache', 'clear']);
    expect(cleared.stdout).toContain(`removed ${entries} cache entries`);
    expect(readdirSync(join(dir, 'ingest'))).toEqual([]);
  });

  it('LOADTEST_LENS_CACHE=off writes nothing', async () => {
    const dir = useCache();
    process.env['LOADTEST_LENS_CACHE'] = 'off';
    expect((await run(['summary', makeMiniRoot()])).code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a bad action is a usage error (exit 2)', async () => {
    useCache();
    const bad = await run(['cache', 'wipe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: loadtest-lens cache');
  });

  it('the default folder is the platform cache folder, or the one the environment names', () => {
    expect(cacheDir({ LOADTEST_LENS_CACHE_DIR: '/somewhere' })).toBe('/somewhere');
    if (process.platform === 'linux') {
      expect(cacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/loadtest-lens');
      expect(cacheDir({})).toMatch(/\.cache\/loadtest-lens$/);
    }
  });
});
