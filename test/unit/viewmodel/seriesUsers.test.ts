// Who reported the lowest and highest value of a QoS chart in one second: hand-made reports.
import { describe, expect, it } from 'vitest';
import { secondGroups } from '../../../src/core/analysis/downstream/qosSeries';
import { qosSource, seriesUsersVM } from '../../../src/core/viewmodel/timeSeries';
import { numberTable, qosTables } from '../qosTables';

// Inbound video jitter (s): second 0: User1 0.01, User2 0.03; second 1: User2 0.02, User1 0.05;
// second 3: User1 0.04.
const TABLES = qosTables({
  inbound_video: numberTable([0, 1, 1, 0, 0], {
    timestamp: [100, 900, 1100, 1500, 3200],
    jitter: [0.01, 0.03, 0.02, 0.05, 0.04],
  }),
});

describe('users behind a QoS second', () => {
  it('secondGroups keeps the source of each second’s extremes', () => {
    const g = secondGroups(
      [100, 900, 1100, 1500],
      [0.01, 0.03, 0.02, 0.05],
      0,
      false,
      [0, 1, 1, 0],
    );
    expect([...g.minSource!]).toEqual([0, 1]);
    expect([...g.maxSource!]).toEqual([1, 0]);
    expect(secondGroups([100], [1], 0, false).minSource).toBeUndefined();
  });

  it('names the lowest and highest reporter of the clicked second, per media', () => {
    const q = qosSource(TABLES, 0);
    expect(seriesUsersVM(q, 't', 'qos/inbound/jitter', 1)).toEqual({
      test: 't',
      key: 'qos/inbound/jitter',
      second: 1,
      series: [
        {
          media: 'video',
          n: 2,
          mean: (0.02 + 0.05) / 2,
          min: { session: '1', user: '2', value: 0.02 },
          max: { session: '1', user: '1', value: 0.05 },
        },
      ],
    });
  });

  it('is empty for a second without reports and for charts other than QoS', () => {
    const q = qosSource(TABLES, 0);
    expect(seriesUsersVM(q, 't', 'qos/inbound/jitter', 2).series).toEqual([]);
    expect(seriesUsersVM(q, 't', 'progression', 0).series).toEqual([]);
  });
});
