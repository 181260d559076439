/**
 * A test whose controller log says QoE recordings were made (`QoE recordings: true` in the
 * start-up block, test/fixtures/real/controller-logs/with-config/2024.log, line 24 counted by
 * hand) but whose qoe/<test>/ holds no _cuts.json: said, since its QoE tables are empty.
 */
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { realLog, tmpRoot } from './tmpRoot';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const LOG = realLog('with-config/2024.log');

function rootWith(log: string, qoe: boolean): string {
  const { dir: root, put } = tmpRoot('ltl-qoe-');
  put(`logs/${TEST}.log`, log);
  const event = (user: string, session: string) =>
    JSON.stringify([
      {
        event: 'connectionStart',
        participant: user,
        session,
        timestamp: '2024-06-20T10:15:00.010Z',
      },
    ]);
  put(`stats/${TEST}/LoadTestSession1/User1/events.json`, event('User1', 'LoadTestSession1'));
  put(`stats/${TEST}/LoadTestSession1/User2/events.json`, event('User2', 'LoadTestSession1'));
  if (qoe)
    put(
      `qoe/${TEST}/v-LoadTestSession1-User1-User2_cuts.json`,
      '[{"cut_index": 0, "vmaf": 0.9, "visqol": 0.8}]',
    );
  return root;
}

async function notAnalysed(root: string) {
  const s = await summarizeRoot(root, { logTimezone: 'auto' });
  return s.tests.flatMap(t => t.diagnostics).filter(d => d.code === 'qoe.notAnalysed');
}

describe('QoE recorded but not analysed', () => {
  it('is a warning at the block line when qoe/<test>/ holds no _cuts.json', async () => {
    const found = await notAnalysed(rootWith(LOG, false));
    expect(found.map(d => [d.severity, d.line])).toEqual([['warning', 24]]);
    expect(found[0]?.file).toMatch(/logs[\\/]loadtest-webrtc-2024-kurento-2p\.log$/);
    expect(found[0]?.message).toContain(`qoe/${TEST}/ holds no _cuts.json`);
  });

  it('is not said when a QoE file is there, or when no recording was made', async () => {
    expect(await notAnalysed(rootWith(LOG, true))).toEqual([]);
    const off = LOG.replace(/^QoE recordings: +true$/m, 'QoE recordings:          false');
    expect(off).not.toBe(LOG);
    expect(await notAnalysed(rootWith(off, false))).toEqual([]);
  });
});
