// The current (HEAD) generation: shortened directories, ISO-offset log, @timestamp for LiveKit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootPlan } from '../../../src/generate/model';
import {
  REGEX_END,
  REGEX_ERROR,
  REGEX_START,
  cleanup,
  generate,
  listFiles,
  readJson,
  readText,
  smallOptions,
} from './helpers';

const KURENTO = 'loadtest-webrtc-2026-kurento-2p';
const PION = 'loadtest-webrtc-2026-pion-8p';

let dir = '';
let plan: RootPlan;
let files: string[] = [];

beforeAll(async () => {
  ({ dir, plan } = await generate(
    smallOptions({
      format: 'current',
      baseDate: '2026-07-01',
      tests: [KURENTO, PION],
      sessionsByTest: { [KURENTO]: 2, [PION]: 1 },
      qoe: false,
    }),
    'current',
  ));
  files = await listFiles(dir);
});
afterAll(async () => cleanup(dir));

describe('current format', () => {
  it('uses s<N>/u<M> directories while the JSON keeps the full names', async () => {
    const userDirs = files.filter(f => f.startsWith('stats/') && f.endsWith('/events.json'));
    expect(userDirs.length).toBe(2 * 2 + 8);
    for (const f of userDirs) expect(f).toMatch(/^stats\/[^/]+\/s\d+\/u\d+\/events\.json$/);
    const events = await readJson<{ participant: string; session: string }[]>(
      dir,
      `stats/${KURENTO}/s2/u1/events.json`,
    );
    expect(events[0]).toMatchObject({ participant: 'User1', session: 'LoadTestSession2' });
  });

  it('writes ISO-with-offset log lines with the "topology" wording and the new end line', async () => {
    const log = (await readText(dir, `logs/${KURENTO}.log`)).split('\n').filter(l => l);
    for (const l of log) {
      expect(l).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+02:00 {1,2}(INFO|WARN|ERROR) 1 --- \[[^\]]+\] \S.{39} : /,
      );
    }
    expect(log).toContainEqual(
      expect.stringMatching(
        /^\S+ {2}INFO 1 --- \[main\] i\.o\.l\.s\.c\.LoadTestTopologyOrchestrator {3}: Starting test with N:N session topology$/,
      ),
    );
    expect(log.filter(l => REGEX_START.test(l)).length).toBe(1);
    expect(log.some(l => REGEX_END.test(l))).toBe(false);
    expect(log).toContainEqual(
      expect.stringMatching(
        / : Saved result in \/opt\/openvidu-loadtest\/results\/results-\d{14}\.txt$/,
      ),
    );
    // d6a49f73's printInfo logs neither the secret nor the Elasticsearch password.
    expect(log.join('\n')).not.toContain('OpenVidu SECRET');
    expect(log.join('\n')).not.toContain(`${plan.tests[0]?.secrets.elasticsearchPassword}`);
    expect(log).toContainEqual(
      expect.stringMatching(
        / i\.o\.loadtest\.config\.LoadTestConfig {7}: QoE recordings: (true|false)$/,
      ),
    );
  });

  it('keeps the failure line text', async () => {
    const all = (
      await Promise.all(plan.tests.map(t => readText(dir, `logs/${t.spec.name}.log`)))
    ).join('\n');
    const expected = plan.tests.reduce(
      (n, t) =>
        n +
        t.users.reduce(
          (m, u) => m + u.attempts.reduce((k, a) => k + (a.failure?.lines.length ?? 0), 0),
          0,
        ),
      0,
    );
    expect(all.split('\n').filter(l => REGEX_ERROR.test(l)).length).toBe(expected);
  });

  it('uses @timestamp in LiveKit stats and timestamp in OpenVidu 2 stats', async () => {
    const lk = await readJson<Record<string, unknown>[]>(dir, `stats/${PION}/s1/u1/stats.json`);
    const ov = await readJson<Record<string, unknown>[]>(dir, `stats/${KURENTO}/s1/u1/stats.json`);
    expect(Object.keys(lk[0] ?? {})).toEqual(['webrtcStats', '@timestamp', 'user', 'session']);
    expect(Object.keys(ov[0] ?? {})).toEqual(['webrtcStats', 'timestamp', 'user', 'session']);
  });
});
