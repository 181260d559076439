/**
 * errors.json as the browser-emulator writes it (POST /events/errors, events.controller.ts):
 * [2024] sendError(err, USER_ID, SESSION_ID) posts the error's own fields plus participant,
 * session and timestamp (public/lib/browser-emulator-connector.js, 4a110720); the recorder posts
 * bare strings; [2026] structured health errors (FORMATS.md §1.2.3).
 */
import { describe, expect, it } from 'vitest';
import { NO_DETAIL, parseBrowserErrors } from '../../../src/core/ingest/browserErrors';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { realLog, tmpRoot } from './tmpRoot';

const T = '2024-06-20T10:15:03.000Z';
const envelope = { participant: 'User2', session: 'LoadTestSession1', timestamp: T };

describe('errors.json', () => {
  it('reads each report as text, with its time', () => {
    const text = JSON.stringify([
      { name: 'OPENVIDU_PERMISSION_DENIED', message: 'Token not valid', ...envelope },
      envelope,
      'Error stopping recording: User2 recording User1',
      {
        type: 'EMULATED_PARTICIPANT_HEALTH_ERROR',
        source: 'lk-healthcheck',
        reason: 'disconnected',
        timestamp: T,
      },
      { participant: 'User2', session: 'LoadTestSession1', timestamp: T, code: 1006 },
    ]);
    const r = parseBrowserErrors(text, 'errors.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.errors.map(e => [e.index, e.text, e.time])).toEqual([
      [0, 'OPENVIDU_PERMISSION_DENIED: Token not valid', Date.parse(T)],
      [1, NO_DETAIL, Date.parse(T)],
      [2, 'Error stopping recording: User2 recording User1', undefined],
      [3, 'EMULATED_PARTICIPANT_HEALTH_ERROR: disconnected', Date.parse(T)],
      [4, '1006', Date.parse(T)],
    ]);
  });

  it('a cut file keeps its whole reports and says where it was cut', () => {
    const r = parseBrowserErrors(`[${JSON.stringify(envelope)},{"name":"OPENV`, 'errors.json');
    expect(r.errors).toHaveLength(1);
    expect(r.diagnostics.map(d => d.code)).toEqual(['json.truncated']);
  });

  it('a test notes the users whose browsers reported errors and what they say', async () => {
    const { dir, put } = tmpRoot('ltl-browser-errors-');
    const test = 'loadtest-webrtc-2024-kurento-2p';
    put(`logs/${test}.log`, realLog('2024.log'));
    const events = (user: string) =>
      JSON.stringify([
        { event: 'connectionStart', participant: user, session: 'LoadTestSession1', timestamp: T },
      ]);
    for (const u of ['User1', 'User2', 'User3'])
      put(`stats/${test}/LoadTestSession1/${u}/events.json`, events(u));
    put(`stats/${test}/LoadTestSession1/User1/errors.json`, '[]');
    put(`stats/${test}/LoadTestSession1/User2/errors.json`, JSON.stringify([envelope, envelope]));
    put(
      `stats/${test}/LoadTestSession1/User3/errors.json`,
      JSON.stringify([
        { name: 'OPENVIDU_PERMISSION_DENIED', message: 'Token not valid', ...envelope },
        envelope,
      ]),
    );
    const t = (await summarizeRoot(dir, { logTimezone: 'auto' })).tests[0];
    const notes = t?.diagnostics.filter(d => d.code === 'events.browserErrors') ?? [];
    expect(notes.map(d => [d.severity, d.file])).toEqual([
      ['info', `${dir}/stats/${test}/LoadTestSession1/User2/errors.json`],
    ]);
    expect(notes[0]?.message).toBe(
      `2 user(s)' browsers reported 4 error(s) in errors.json, which the notebook does not read: LoadTestSession1/User2 (2), LoadTestSession1/User3 (2). They say: "${NO_DETAIL}" ×3, "OPENVIDU_PERMISSION_DENIED: Token not valid" ×1.`,
    );
  });
});
