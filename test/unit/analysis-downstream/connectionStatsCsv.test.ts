import { describe, expect, it } from 'vitest';
import { parseConnectionStatsCsv } from '../../../src/core/report/connectionStatsCsv';

const HEADER =
  'type,start_time,end_time,total_duration,attempt,batch,user,session,full_user,cpu_mean,cpu_start,cpu_end,cpu_median,cpu_max,cpu_min,qoe,qoe_metric,index';

describe('parseConnectionStatsCsv', () => {
  it('reads every column of a row in the notebook order, numbers as numbers', () => {
    const text = [
      HEADER,
      'connectionSuccess,1.5,3.25,1.75,0,2,3.0,012,3-12,0.4,0.3,0.5,0.45,0.6,0.2,,,t1',
      'QOE,4,5,1,1,2,3,12,3-12,,0.1,0.2,0.15,0.2,0.1,0.875,vmaf,t1',
    ].join('\n');
    const { rows, problems } = parseConnectionStatsCsv(text);
    expect(problems).toEqual([]);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'type',
      'start_time',
      'end_time',
      'total_duration',
      'attempt',
      'batch',
      'user',
      'session',
      'full_user',
      'cpu_mean',
      'cpu_start',
      'cpu_end',
      'cpu_median',
      'cpu_max',
      'cpu_min',
      'index',
    ]);
    expect(rows[0]).toEqual({
      type: 'connectionSuccess',
      start_time: 1.5,
      end_time: 3.25,
      total_duration: 1.75,
      attempt: 0,
      batch: 2,
      user: '3',
      session: '12',
      full_user: '3-12',
      cpu_mean: 0.4,
      cpu_start: 0.3,
      cpu_end: 0.5,
      cpu_median: 0.45,
      cpu_max: 0.6,
      cpu_min: 0.2,
      index: 't1',
    });
    expect(rows[1]).toMatchObject({ type: 'QOE', qoe: 0.875, qoe_metric: 'vmaf', cpu_start: 0.1 });
    expect(rows[1]?.cpu_mean).toBeNaN();
  });

  it('names missing columns and skips rows of an unknown type', () => {
    expect(parseConnectionStatsCsv('type,start_time\nQOE,1\n').problems[0]).toMatch(
      /^missing column\(s\): end_time, total_duration, attempt, batch, user, session,/,
    );
    const { rows, problems } = parseConnectionStatsCsv(
      `${HEADER}\nbogus,1,2,1,0,1,1,1,1-1,0,0,0,0,0,0,,,t\n`,
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual(['line 2: unknown type "bogus", row skipped']);
  });
});
