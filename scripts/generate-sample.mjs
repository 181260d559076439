#!/usr/bin/env node
// Regenerates samples/demo (the committed demo root) and samples/demo.truth.json, only when
// samples/demo is missing. Used by `npm run demo` on a fresh clone. Bundles src/cli/generate.ts
// with esbuild, so it needs no build.
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'samples', 'demo');
const truth = join(repo, 'samples', 'demo.truth.json');

if (existsSync(out)) {
  console.log(`samples/demo exists; nothing to do (delete it to regenerate).`);
  process.exit(0);
}
if (existsSync(truth)) rmSync(truth);

const work = mkdtempSync(join(tmpdir(), 'ltl-generate-'));
const bundle = join(work, 'generate.cjs');
await esbuild.build({
  entryPoints: [join(repo, 'src/cli/generate.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'es2022',
  outfile: bundle,
  logLevel: 'warning',
});
const { generateCommand } = createRequire(import.meta.url)(bundle);
const io = { stdout: t => process.stdout.write(t), stderr: t => process.stderr.write(t) };
// `--sample`: the committed sample's options (SAMPLE_ARGS in src/cli/generate.ts, samples/README.md).
const code = await generateCommand(['--out', out, '--truth', truth, '--sample'], io);
rmSync(work, { recursive: true, force: true });
process.exit(code);
