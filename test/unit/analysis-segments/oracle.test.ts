// The notebook is the truth of the `notebook` profile: its own code for cells 3-15 runs on
// generated roots and our rows must equal its connection_stats.csv (same rows, same order,
// numbers to 1e-9 relative). Fails, with the install command, when pandas is missing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOptions, type GenerateOptions } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { writeRoot } from '../../../src/generate/writer';
import { differences, ingest, ourNotebookRows, requirePandas, runOracle } from './oracleHarness';

async function generated(overrides: Partial<GenerateOptions>): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'ltl-oracle-')), 'root');
  await writeRoot(planRoot({ ...defaultOptions('2024'), stats: false, ...overrides }), dir);
  return dir;
}

/** Roots chosen to avoid the notebook's crash conditions: every test has failure lines (C1). */
const ROOTS: Array<{ label: string; options: Partial<GenerateOptions> }> = [
  {
    label: 'OV2 publishers and subscribers, retries, QoE gaps',
    options: {
      seed: 'oracle-1',
      tests: ['loadtest-webrtc-2024-kurento-2p', 'loadtest-webrtc-2024-mediasoup-3p-2s'],
      sessionsByTest: {
        'loadtest-webrtc-2024-kurento-2p': 4,
        'loadtest-webrtc-2024-mediasoup-3p-2s': 3,
      },
      capacityScale: 0.3,
      failureRate: 15,
      holdSeconds: 40,
    },
  },
  {
    label: 'LiveKit 8p and 3p-2s: reconnections, odd publications, carried prev_row_event',
    options: {
      seed: 'oracle-2',
      tests: ['loadtest-webrtc-2024-pion-8p', 'loadtest-webrtc-2024-pion-3p-2s'],
      sessionsByTest: { 'loadtest-webrtc-2024-pion-8p': 2, 'loadtest-webrtc-2024-pion-3p-2s': 3 },
      capacityScale: 0.08,
      failureRate: 12,
      holdSeconds: 40,
    },
  },
  {
    label: 'three families in one root, batches of 2',
    options: {
      seed: 'oracle-3',
      tests: [
        'loadtest-webrtc-2024-kurento-8p',
        'loadtest-webrtc-2024-pion-2p',
        'loadtest-webrtc-2024-mediasoup-2p',
      ],
      sessionsByTest: {
        'loadtest-webrtc-2024-kurento-8p': 1,
        'loadtest-webrtc-2024-pion-2p': 5,
        'loadtest-webrtc-2024-mediasoup-2p': 5,
      },
      batchSize: 2,
      capacityScale: 0.1,
      failureRate: 20,
      holdSeconds: 30,
    },
  },
];

describe('notebook profile = the notebook (cells 3-15 of the seed, run by pandas)', () => {
  it('has pandas for the oracle', () => {
    requirePandas();
  });

  for (const { label, options } of ROOTS) {
    it(`connection_stats.csv: ${label}`, async () => {
      requirePandas();
      const root = await generated(options);
      const data = await ingest(root);
      const tests = data.tests.map(t => t.location.name);
      for (const t of data.tests)
        expect(
          t.log?.failures.length ?? 0,
          `${t.location.name} needs failure lines (C1)`,
        ).toBeGreaterThan(0);
      const theirs = await runOracle(root, tests, join(root, '..', 'connection_stats.csv'));
      const ours = await ourNotebookRows(data);
      expect(theirs.length).toBeGreaterThan(50);
      expect(theirs.some(r => r['type'] === 'QOE')).toBe(true);
      expect(theirs.some(r => r['type'] === 'connectionFail')).toBe(true);
      expect(differences(ours, theirs)).toEqual([]);
    });
  }
});
