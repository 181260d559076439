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

/** The exact arguments of the committed sample (also in samples/README.md). */
export const DEMO_ARGS = [
  '--seed',
  'demo-2024',
  '--tests',
  'loadtest-webrtc-2024-kurento-2p:12,loadtest-webrtc-2024-mediasoup-3p-10s:2,loadtest-webrtc-2024-pion-8p:3',
  '--duration',
  '45',
  '--stats-interval',
  '25',
  '--stats-poll',
  '25',
  '--capacity-scale',
  '0.8',
  '--livekit-stats-peers',
  '2',
];

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
const code = await generateCommand(['--out', out, '--truth', truth, ...DEMO_ARGS], io);
rmSync(work, { recursive: true, force: true });
process.exit(code);
