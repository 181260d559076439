/**
 * The CLI's npm package (issue 23): `npm pack` of a staging copy of the checkout (its `prepack`
 * script builds dist/ there, so the worktree's dist/ is left alone), the tarball installed with
 * `npm install --offline` into an empty folder (no runtime dependency: everything is bundled, so
 * no registry is asked), then `npx loadtest-lens --version` and `generate` + `summary` run from
 * the installed package. Also checks that the tarball holds only runtime files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');
const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
};
const COPIED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'media', 'l10n'];
const LINKED = ['src', 'node_modules', 'scripts', 'tsconfig.json', 'tsconfig.base.json'];

let work = '';
let prefix = '';
let tarball = '';
/** npm without the user's cache or config: an offline install must not need either. */
let npmEnv: NodeJS.ProcessEnv = {};

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: 'pipe' });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ltl-npm-'));
  npmEnv = {
    ...process.env,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_userconfig: join(work, 'npmrc'),
    npm_config_update_notifier: 'false',
  };
  const stage = join(work, 'stage');
  for (const name of COPIED) cpSync(join(REPO, name), join(stage, name), { recursive: true });
  cpSync(join(REPO, 'docs/images'), join(stage, 'docs/images'), { recursive: true });
  for (const name of readdirSync(REPO).filter(n => /^package\.nls.*\.json$/.test(n)))
    cpSync(join(REPO, name), join(stage, name));
  for (const name of LINKED) symlinkSync(join(REPO, name), join(stage, name));
  // npm prints the prepack build's output first, then the JSON list of the packed tarball
  const out = npm(['pack', '--json', '--pack-destination', work], stage);
  const packed = JSON.parse(out.slice(out.indexOf('[\n'))) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, packed[0]!.filename);
  files = packed[0]!.files.map(f => f.path);
  prefix = join(work, 'empty');
  npm(['install', tarball, '--offline', '--no-audit', '--no-fund', '--prefix', prefix], work);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

let files: string[] = [];

describe('the npm package of the CLI', () => {
  it('holds the runtime files only: no sources, tests, maps or scripts', () => {
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/worker.js');
    expect(files).toContain('dist/report-page.js');
    expect(files).toContain('package.json');
    for (const file of files)
      expect(file, file).toMatch(
        /^(dist\/[^/]+\.(js|css|json)|media\/.+|l10n\/.+|docs\/images\/.+\.png|package(\.nls.*)?\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
      );
    expect(files.some(f => f.endsWith('.map') || f.startsWith('src/'))).toBe(false);
  });

  it('installs offline into an empty folder with no dependency', () => {
    const installed = join(prefix, 'node_modules', PKG.name);
    expect(existsSync(join(installed, 'dist', 'cli.js'))).toBe(true);
    // nothing but the package itself (and npm's own lock file) landed in node_modules
    expect(readdirSync(join(prefix, 'node_modules')).filter(n => !n.startsWith('.'))).toEqual([
      PKG.name,
    ]);
  });

  it('`npx loadtest-lens --version` prints the version of package.json', () => {
    const out = execFileSync('npx', ['--offline', '--no-install', 'loadtest-lens', '--version'], {
      cwd: prefix,
      env: npmEnv,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(PKG.version);
  });

  it('generates a root and summarises it with the installed CLI', () => {
    const bin = join(prefix, 'node_modules', '.bin', 'loadtest-lens');
    const root = join(work, 'root');
    execFileSync(bin, ['generate', '--out', root, '--seed', 'npm', '--tests', 'npm-pion-8p:2']);
    const summary = JSON.parse(
      execFileSync(bin, ['summary', root, '--json'], { encoding: 'utf8' }),
    );
    // 2 sessions of 8 participants, as asked of the generator
    expect(summary.tests.map((t: { name: string }) => t.name)).toEqual(['npm-pion-8p']);
    expect(summary.tests[0].sessions).toBe(2);
    expect(summary.tests[0].users).toBe(16);
  });
});
