import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { collect } from './collect';
import { KURENTO, makeMiniRoot } from '../core/miniRoot';
import { logsOnlyRoot } from '../core/tmpRoot';

describe('loadtest-lens summary', () => {
  it('prints each test and the warnings with file and line', async () => {
    const { out, io } = collect();
    const code = await main(['summary', makeMiniRoot()], io);
    expect(code).toBe(0);
    expect(out.stdout).toContain(
      `${KURENTO}\n    kurento, 2 sessions, 3 users (3 publishers, 0 subscribers), 2 connected, 2 failure lines from 2 users, duration 5m 00s`,
    );
    expect(out.stderr).toMatch(
      /warning: stats\/loadtest-webrtc-2024-pion-8p\/s1\/u2\/events\.json:1: File is cut off/,
    );
    expect(out.stderr).toMatch(/\(1 note not shown; --verbose lists them\)/);
    // One of a kind reads as one: the pion test has one session.
    expect(out.stdout).toContain(
      '    pion, 1 session, 2 users (2 publishers, 0 subscribers), 1 connected,',
    );
  });

  it('writes JSON with --json and fails with usage on bad arguments', async () => {
    const { out, io } = collect();
    expect(await main(['summary', makeMiniRoot(), '--json', '--tz', '+02:00'], io)).toBe(0);
    const parsed = JSON.parse(out.stdout) as { tests: Array<{ name: string; timezone: string }> };
    expect(parsed.tests.map(t => t.timezone)).toEqual([
      '+02:00 (from settings)',
      '+02:00 (written in the log)',
    ]);
    const bad = collect();
    expect(await main(['summary', makeMiniRoot(), '--tz', 'CST'], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('--tz takes auto, an offset like +08:00 or an IANA name');
    expect(await main(['summary'], bad.io)).toBe(2);
    expect(await main(['nope'], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('unknown command "nope"');
  });

  it('prints a connected count the log cannot tell as —, not 0', async () => {
    // A logs-only root of the 2024 generation: emulated users log no connection.
    const root = logsOnlyRoot('t', '2024.log');
    const { out, io } = collect();
    expect(await main(['summary', root], io)).toBe(0);
    expect(out.stdout).toContain('4 users (4 publishers, 0 subscribers), — connected,');
  });
});
