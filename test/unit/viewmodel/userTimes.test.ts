// A user's connection times for the Results view's tooltip, from hand-made connection_stats rows.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatsRow } from '../../../src/core/analysis/types';
import { rowsOfUser, userTimes } from '../../../src/core/viewmodel/userTimes';
import { connectionRow } from '../connectionRow';

function row(
  type: ConnectionStatsRow['type'],
  start: number,
  end: number,
  attempt = 0,
  user = '1',
): ConnectionStatsRow {
  return connectionRow('1', user, type, start, end, { attempt });
}

describe('user connection times', () => {
  it('pairs each start with what it led to and sums the connected time', () => {
    // Start 2→3.5 connected 3.5→50; failed 50→52; start 52→56 (attempt 1) connected 56→80;
    // a QoE row and another user's row are ignored; rows given out of order.
    const rows = [
      row('connectionSuccess', 56, 80, 1),
      row('connectionStart', 2, 3.5),
      row('QOE', 10, 20),
      row('connectionFail', 50, 52, 1),
      row('connectionSuccess', 3.5, 50),
      row('connectionStart', 52, 56, 1),
      row('connectionStart', 1, 9, 0, '2'),
    ];
    const t = userTimes(rowsOfUser(rows, '1', '1'));
    expect(t.attempts).toEqual([
      { at: 2, seconds: 1.5, attempt: 0, connected: true },
      { at: 52, seconds: 4, attempt: 1, connected: true },
    ]);
    expect(t.connectedSeconds).toBe(46.5 + 24);
    expect(t.connectedSegments).toBe(2);
    expect(t.failedConnections).toBe(1);
  });

  it('a start that failed or that the test cut short is not connected', () => {
    const t = userTimes(
      rowsOfUser(
        [
          row('connectionStart', 0, 5),
          row('connectionFail', 5, 7, 1),
          row('connectionStart', 7, 9, 1),
        ],
        '1',
        '1',
      ),
    );
    expect(t.attempts.map(a => a.connected)).toEqual([false, false]);
    expect(t.connectedSeconds).toBe(0);
    expect(userTimes([])).toEqual({
      attempts: [],
      connectedSeconds: 0,
      connectedSegments: 0,
      failedConnections: 0,
    });
  });
});
