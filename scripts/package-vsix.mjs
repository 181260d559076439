#!/usr/bin/env node
// `npm run package`: production build + `vsce package`, offline and without prompts.
// The build runs in a fresh staging dir (src/ and node_modules/ linked, package.json, README,
// LICENSE, .vscodeignore and media/ copied), so a stale or dev build in dist/ never ships and a
// running `npm run watch` is left alone. Prints the VSIX path, size and file list, and fails if
// the VSIX holds anything but dist/*.js, media/**, README.md, LICENSE, package.json.
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
      'LICENSE',
      '.vscodeignore',
      'media',
      'l10n',
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
    // vsce rewrites README's relative links and images to absolute ones; it can only guess the
    // base for GitHub/GitLab repositories, so give it the package.json repository's.
    const repo = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/\.git$/, '');
    const bases = /^https?:\/\//.test(repo)
      ? ['--baseContentUrl', `${repo}/blob/HEAD`, '--baseImagesUrl', `${repo}/raw/HEAD`]
      : [];
    run(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--no-update-package-json', ...bases, '--out', staged],
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
  const missing = ['extension/package.json', 'extension/dist/extension.js'].filter(
    name => !files.some(f => f.name === name),
  );
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
