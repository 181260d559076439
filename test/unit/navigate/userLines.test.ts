import { describe, expect, it } from 'vitest';
import { userLineMatcher, userLinesAround } from '../../../src/core/navigate/userLines';
import { failuresInLogOrder, stepFailure } from '../../../src/core/navigate/failureOrder';
import { arrayEntryRange, entryForTime } from '../../../src/core/navigate/jsonEntry';
import type { LogFailure } from '../../../src/core/model/session';

const who = { user: 'User1', session: 'LoadTestSession10' };
// Lines 130–141 of the kurento sample log, shortened (the controller's own wording).
const LOG = [
  "INFO : Creating PUBLISHER 'User1' in session LoadTestSession10", // 130
  'INFO : Creating participant 1 in session 10', // 131
  "INFO : Creating PUBLISHER 'User12' in session LoadTestSession10", // 132 (other user)
  "INFO : Creating PUBLISHER 'User1' in session LoadTestSession11", // 133 (other session)
  'INFO : Creating participant 1 in session 101', // 134 (other session)
  'ERROR : Participant User1 in session LoadTestSession10 failed 1 times', // 135 (target)
  '{"participant":"User1","session":"LoadTestSession10","event":"exception"}', // 136
  'INFO : Selected worker: 172.29.42.13', // 137
];

describe('lines of one user', () => {
  it('matches the user by name and session, or by numbers, never a prefix', () => {
    const m = userLineMatcher(who);
    expect(LOG.map(m)).toEqual([true, true, false, false, false, true, true, false]);
  });

  it('lists the neighbours of the target within the radius, target excluded', () => {
    expect(userLinesAround(LOG, 130, 135, who, 10)).toEqual([130, 131, 136]);
    expect(userLinesAround(LOG, 130, 135, who, 1)).toEqual([136]);
  });
});

function failure(line: number): LogFailure {
  return { user: 'User1', session: 'S', attempts: 1, time: line * 1000, line, offset: line * 10 };
}

describe('next / previous failure', () => {
  const ordered = failuresInLogOrder([failure(40), failure(10), failure(25)]);
  it('orders by line and steps with wrap-around', () => {
    expect(ordered.map(f => f.line)).toEqual([10, 25, 40]);
    expect(stepFailure(ordered, undefined, 1)?.line).toBe(10);
    expect(stepFailure(ordered, undefined, -1)?.line).toBe(40);
    expect(stepFailure(ordered, 10, 1)?.line).toBe(25);
    expect(stepFailure(ordered, 40, 1)?.line).toBe(10);
    expect(stepFailure(ordered, 25, -1)?.line).toBe(10);
    expect(stepFailure(ordered, 10, -1)?.line).toBe(40);
    expect(stepFailure([], 10, 1)).toBeUndefined();
  });
});

describe('events.json entries', () => {
  const text = '[{"a":"x,]}"} ,\n {"b":[1,2]},{"c":"\\"}"}]';
  it('finds the character range of the n-th element, strings and nesting skipped', () => {
    expect(arrayEntryRange(text, 0)).toEqual([1, 13]);
    expect(text.slice(...arrayEntryRange(text, 1)!)).toBe('{"b":[1,2]}');
    expect(text.slice(...arrayEntryRange(text, 2)!)).toBe('{"c":"\\"}"}');
    expect(arrayEntryRange(text, 3)).toBeUndefined();
    expect(arrayEntryRange('[]', 0)).toBeUndefined();
  });

  it('takes the last event at or before a failure, else the first', () => {
    const events = [
      { time: 100, index: 0 },
      { time: 300, index: 1 },
      { time: 200, index: 2 },
    ];
    expect(entryForTime(events, 250)).toBe(2);
    expect(entryForTime(events, 1000)).toBe(1);
    expect(entryForTime(events, 50)).toBe(0);
    expect(entryForTime(events)).toBe(0);
    expect(entryForTime([], 5)).toBeUndefined();
  });
});
