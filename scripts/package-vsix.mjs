#!/usr/bin/env node
// `npm run package`: production build + `vsce package`, offline and without prompts.
// The build runs in a fresh staging dir (src/ and node_modules/ linked, package.json, README,
// CHANGELOG, LICENSE, media/, l10n/ and docs/images/ copied), so a stale or dev build in dist/
// never ships and a running `npm run watch` is left alone. vsce runs with no option that
// package.json does not hold already (its `files` list and `vsce` block) but one:
// `--no-rewrite-relative-links`. Checked with @vscode/vsce 3.9.2 (December 2026): plain
// `npx vsce package` in a built checkout still fails ("Couldn't detect the repository where this
// extension is published. The image 'docs/images/overview.png' will be broken in README.md"),
// because vsce declares `--no-rewrite-relative-links` without an `undefined` default, so the
// command line's implicit `rewriteRelativeLinks: true` always wins over package.json's
// `vsce.rewriteRelativeLinks: false` (out/util.js patchOptionsWithManifest fills only undefined
// options). Rewriting needs the repository's URL, and the project has no public repository yet
// (package.json names none rather than a placeholder), so the flag stays until package.json has a
// real `repository` (vsce then rewrites README's links to it; not tried here, there is none).
// Meanwhile the images stay relative: they show from docs/images/ inside the VSIX (VS
// Code resolves them against the installed extension). Prints the VSIX path, size and file list,
// and fails if the VSIX holds anything but the runtime files below or lacks one the extension loads.
//   node scripts/package-vsix.mjs [--out <file.vsix>]
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What may ship: vsce's own manifest files + the extension's runtime files. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/dist\/[^/]+\.js$/,
  /^extension\/dist\/webview-manifest\.json$/,
  /^extension\/dist\/report-page\.css$/,
  /^extension\/changelog\.md$/i,
  /^extension\/docs\/images\/[^/]+\.png$/,
  /^extension\/media\/.+/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];

/** Reads a zip's central directory: [{ name, size, compressedSize, method, offset }]. */
export function listZip(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const offset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, size, compressedSize, method, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Extracts one entry's bytes (stored or deflated). */
export function readZipEntry(buffer, entry) {
  const nameLength = buffer.readUInt16LE(entry.offset + 26);
  const extraLength = buffer.readUInt16LE(entry.offset + 28);
  const start = entry.offset + 30 + nameLength + extraLength;
  const data = buffer.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : inflateRawSync(data);
}

function run(cmd, args, options) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  }
}

const kb = bytes => `${(bytes / 1024).toFixed(1)} KB`;

/** Builds and packages; returns { vsix, size, files }. */
export function packageVsix({ out, quiet = false } = {}) {
  const started = Date.now();
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const target = path.resolve(out || path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
  const work = path.join(ROOT, '.ci/work');
  mkdirSync(work, { recursive: true });
  const stage = mkdtempSync(path.join(work, 'package-'));
  const stdio = quiet ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit'];
  try {
    const nls = readdirSync(ROOT).filter(n => /^package\.nls(\.[a-z-]+)?\.json$/.test(n));
    const copied = [
      'package.json',
      ...nls,
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'media',
      'l10n',
      'docs/images',
    ];
    for (const name of copied) {
      const from = path.join(ROOT, name);
      if (existsSync(from)) cpSync(from, path.join(stage, name), { recursive: true });
    }
    symlinkSync(path.join(ROOT, 'src'), path.join(stage, 'src'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'));
    for (const tsconfig of ['tsconfig.json', 'tsconfig.base.json'])
      symlinkSync(path.join(ROOT, tsconfig), path.join(stage, tsconfig));
    run(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production'], {
      cwd: stage,
      stdio,
    });
    // node_modules must not be looked at by vsce (--no-dependencies), and must not ship.
    rmSync(path.join(stage, 'node_modules'));
    const vsce = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const staged = path.join(stage, path.basename(target));
    run(
      process.execPath,
      [vsce, 'package', '--no-update-package-json', '--no-rewrite-relative-links', '--out', staged],
      {
        cwd: stage,
        stdio,
        env: {
          ...process.env,
          // vsce writes ~/.cache/Microsoft/DeveloperTools otherwise.
          XDG_CACHE_HOME: path.join(stage, '.cache'),
          VSCE_TELEMETRY_OPTOUT: '1',
        },
      },
    );
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(staged, target);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }

  const buffer = readFileSync(target);
  const files = listZip(buffer).filter(e => !e.name.endsWith('/'));
  const size = statSync(target).size;
  const unexpected = files.filter(f => !ALLOWED.some(re => re.test(f.name)));
  const missing = [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/config-yaml.js',
    'extension/dist/webview-chart.js',
    'extension/dist/webview-manifest.json',
  ].filter(name => !files.some(f => f.name === name));
  if (!quiet || unexpected.length || missing.length) {
    console.log(`\n${path.relative(process.cwd(), target) || target}  ${kb(size)}`);
    for (const f of files) console.log(`  ${f.name.padEnd(50)} ${kb(f.size).padStart(10)}`);
    console.log(`packaged ${files.length} files in ${Date.now() - started} ms`);
  }
  if (unexpected.length) {
    throw new Error(`VSIX ships files that do not run: ${unexpected.map(f => f.name).join(', ')}`);
  }
  if (missing.length) throw new Error(`VSIX lacks ${missing.join(', ')}`);
  return { vsix: target, size, files: files.map(f => f.name) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  try {
    packageVsix({ out: i > 0 ? process.argv[i + 1] : undefined });
  } catch (error) {
    console.error(`package: ${error.message}`);
    process.exit(1);
  }
}
