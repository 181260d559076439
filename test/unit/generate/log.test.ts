// The controller log against the notebook's own regexes (cell In[5]) and FORMATS §2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootPlan } from '../../../src/generate/model';
import {
  REGEX_END,
  REGEX_ERROR,
  REGEX_START,
  SMALL_TESTS,
  cleanup,
  generate,
  notebookLogTime,
  readJson,
  readText,
  smallOptions,
} from './helpers';

let dir = '';
let plan: RootPlan;

beforeAll(async () => {
  ({ dir, plan } = await generate(smallOptions({ stats: false }), 'log'));
});
afterAll(async () => cleanup(dir));

const lines = async (test: string): Promise<string[]> =>
  (await readText(dir, `logs/${test}.log`)).split('\n').filter(l => l !== '');

describe('2024 controller log', () => {
  it('matches the notebook failure regex once per planned failure line, with user, session and count', async () => {
    for (const t of plan.tests) {
      const found = (await lines(t.spec.name))
        .filter(l => l.includes('Participant'))
        .map(l => REGEX_ERROR.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map(m => ({
          user: Number((m[2] as string).replace('User', '')),
          session: Number((m[3] as string).replace('LoadTestSession', '')),
          attempts: Number(m[4]),
          at: notebookLogTime(m[1] as string),
        }));
      const expected = t.users
        .flatMap(u =>
          u.attempts.flatMap(a =>
            (a.failure?.lines ?? []).map(l => ({
              user: u.user,
              session: u.session,
              attempts: l.attempts,
              at: l.at,
            })),
          ),
        )
        .sort((a, b) => a.at - b.at);
      expect(found.sort((a, b) => a.at - b.at)).toEqual(expected);
    }
  });

  it('counts failures per participant-session: 1, 2, 3 … across retries', () => {
    for (const t of plan.tests) {
      for (const u of t.users) {
        const counts = u.attempts.flatMap(a => (a.failure?.lines ?? []).map(l => l.attempts));
        expect(counts).toEqual(counts.map((_, i) => i + 1));
        const retried = u.attempts.length - 1;
        expect(retried).toBeLessThanOrEqual(counts.length);
      }
    }
  });

  it('precedes each failure line with its cause: WebSocket ERROR with the exact event JSON, or an HTTP WARN', async () => {
    for (const t of plan.tests) {
      const log = await lines(t.spec.name);
      for (let i = 0; i < log.length; i++) {
        if (!REGEX_ERROR.test(log[i] as string)) continue;
        const prev = log[i - 1] as string;
        const ws =
          /ERROR .* Received (exception|sessionDisconnected) from ws:\/\/[\d.]+:5001\/events: (\{.*\})$/.exec(
            prev,
          );
        if (ws) {
          const event = JSON.parse(ws[2] as string) as {
            event: string;
            participant: string;
            session: string;
          };
          const m = REGEX_ERROR.exec(log[i] as string) as RegExpExecArray;
          expect(event.participant).toBe(m[2]);
          expect(event.session).toBe(m[3]);
          const userEvents = await readJson<unknown[]>(
            dir,
            `stats/${t.spec.name}/${event.session}/${event.participant}/events.json`,
          ).catch(() => null);
          if (plan.options.stats !== false || userEvents) expect(userEvents).toContainEqual(event);
          if (ws[1] === 'exception') expect(event.event).toBe('exception');
          else expect(['sessionDisconnected', 'Disconnected']).toContain(event.event);
        } else {
          expect(prev).toMatch(/ WARN .* Error: \{/);
        }
      }
    }
  });

  it('has one start and one end line the notebook finds, in the log time zone', async () => {
    for (const t of plan.tests) {
      const log = await lines(t.spec.name);
      const starts = log
        .map(l => REGEX_START.exec(l))
        .filter((m): m is RegExpExecArray => m !== null);
      const ends = log.map(l => REGEX_END.exec(l)).filter((m): m is RegExpExecArray => m !== null);
      expect(starts.length).toBe(1);
      expect(ends.length).toBe(1);
      expect(notebookLogTime((starts[0] as RegExpExecArray)[1] as string)).toBe(t.testStartAt);
      expect(notebookLogTime((ends[0] as RegExpExecArray)[1] as string)).toBe(t.savedAt);
      expect(
        log.some(
          l =>
            l.includes('Starting test with N:N session typology') ||
            l.includes('Starting test with N:M session typology'),
        ),
      ).toBe(true);
      expect(log[log.length - 1]).toMatch(/ INFO .* : Finished$/);
    }
  });

  it('follows the Spring Boot 2.x pattern (%5p, [%15.15t], %-40.40logger{39})', async () => {
    const log = await lines(SMALL_TESTS.kurento);
    const session = log.find(l => l.endsWith("Starting session 'LoadTestSession3'")) as string;
    expect(session).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} {2}INFO \d+ --- \[ {11}main\] i\.o\.l\.controller\.LoadTestController {6}: Starting session 'LoadTestSession3'$/,
    );
    expect(log).toContainEqual(
      expect.stringMatching(/INFO .* : Creating PUBLISHER 'User2' in session LoadTestSession3$/),
    );
    expect(log).toContainEqual(expect.stringMatching(/ : Selected worker: [\d.]+$/));
    expect(log).toContainEqual(
      expect.stringMatching(/ : Waiting 5 seconds because of time between participants$/),
    );
    expect(log).toContainEqual(
      expect.stringMatching(/ : Saved result in a \/opt\/openvidu-loadtest\/results\.txt$/),
    );
    const subs = await lines(SMALL_TESTS.mediasoup);
    expect(subs).toContainEqual(
      expect.stringMatching(/ : Creating SUBSCRIBER 'User4' in session LoadTestSession1$/),
    );
  });

  it('prints the System.out config block with the secrets in clear (for redaction tests)', async () => {
    const text = await readText(dir, `logs/${SMALL_TESTS.kurento}.log`);
    const t = plan.tests[0];
    expect(text).toContain('\n-------- Load Test Parameters --------\n');
    expect(text).toContain(`\nOpenVidu SECRET:         ${t?.secrets.openviduSecret}\n`);
    expect(text).toContain(`\nElasticSearch Password:  ${t?.secrets.elasticsearchPassword}\n`);
    // db1ae485's printInfo: RETRY_TIMES is not printed, the sections close with this line.
    expect(text).toContain('\nController started in RETRY MODE\n');
    expect(text).toContain(
      '\n-------- -------------------- --------\n\n--- QOE ANALYSIS PARAMETERS ---\n',
    );
  });

  it('honours --log-tz', async () => {
    const { dir: other, plan: p } = await generate(
      smallOptions({
        stats: false,
        qoe: false,
        logTz: '-05:00',
        tests: [SMALL_TESTS.kurento],
        sessionsByTest: {},
      }),
      'tz',
    );
    const log = (await readText(other, `logs/${SMALL_TESTS.kurento}.log`)).split('\n');
    const start = log.map(l => REGEX_START.exec(l)).find(m => m) as RegExpExecArray;
    expect(notebookLogTime(start[1] as string, '-05:00')).toBe(p.tests[0]?.testStartAt);
    await cleanup(other);
  });
});
