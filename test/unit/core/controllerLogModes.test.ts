/**
 * A LOADTEST-mode log (2026-07 on: LiveKit's `lk load-test` makes the participants):
 * test/fixtures/real/controller-logs/modes/2026-loadtest.log, made from d6a49f73's statements
 * (README). By hand: the one-session start line is line 1 (`[LOADTEST mode] Starting test with
 * one session 2:8 topology`), the room line 2 (LoadTestSession1), the chunk line 3, `Saved result
 * in` line 4; no user is logged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseControllerLogText,
  readControllerLog,
  type ControllerLog,
} from '../../../src/core/ingest/controllerLog';
import { realLogPath } from './tmpRoot';

const FILE = realLogPath('modes/2026-loadtest.log');

function shape(log: ControllerLog) {
  return {
    start: log.start?.line,
    end: log.end?.line,
    sessions: log.sessions,
    users: log.users.length,
    generation: log.generation,
    skipped: log.skipped,
    codes: log.diagnostics.map(d => [d.code, d.severity, d.line ?? null]),
  };
}

describe('a LOADTEST-mode log', () => {
  const expected = {
    start: 1,
    end: 4,
    sessions: ['LoadTestSession1'],
    users: 0,
    generation: '2026',
    skipped: 0,
    codes: [['log.loadTestMode', 'info', 1]],
  };

  it('its marked start and room lines are read, and the note says users are not logged', () => {
    const log = parseControllerLogText(readFileSync(FILE, 'utf8'), FILE);
    expect(shape(log)).toEqual(expected);
    expect(log.diagnostics[0]?.message).toContain('lk load-test makes the participants');
  });

  it('the streamed reader reads the same', async () => {
    expect(shape(await readControllerLog(FILE))).toEqual(expected);
  });
});
