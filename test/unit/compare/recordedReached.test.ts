/**
 * What a 2024 test recorded for the configuration's CodeLens: participants reached are its
 * connected users, unknown (not 0) for a logs-only test whose log names no connection (2024 on).
 */
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { recordedTest } from '../../../src/core/compare/configLens';
import { KURENTO, makeMiniRoot } from '../core/miniRoot';
import { logsOnlyRoot } from '../core/tmpRoot';

const ID = { key: 'k', name: 'n', start: 0 };

describe('participants reached of a recorded 2024 test', () => {
  it('are the connected users when the users have folders (2 of 3 in the mini root)', async () => {
    const s = await summarizeRoot(makeMiniRoot(), { logTimezone: 'auto', tests: [KURENTO] });
    expect(recordedTest(ID, s.tests[0]!).cases[0]?.reached).toBe(2);
  });

  it('are unknown for a logs-only 2024 test (its log names no connection)', async () => {
    const root = logsOnlyRoot(KURENTO, '2024.log');
    const s = await summarizeRoot(root, { logTimezone: 'auto' });
    const c = recordedTest(ID, s.tests[0]!).cases[0];
    expect(c?.reached).toBeUndefined();
    expect(c?.failed).toBe(3);
  });
});
