import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { collect } from './collect';

async function generate(...args: string[]): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ltl-cli-')), 'run');
  const { io, out } = collect();
  expect(await main(['generate-today', '--out', dir, ...args], io), out.stderr).toBe(0);
  return dir;
}

describe('loadtest-lens run', () => {
  it('prints the verdict first and exits 0 on a valid run, even with --fail-on', async () => {
    const dir = await generate('--scenarios', '4,8');
    const { out, io } = collect();
    expect(await main(['run', dir, '--fail-on', 'suspect'], io)).toBe(0);
    expect(out.stdout.split('\n')[0]).toMatch(/· run 2026-07-01_10-00-00: VALID$/);
    expect(out.stdout).toContain('Test Case 2: N:N — 8 participants (emulated): VALID');
    expect(out.stdout).toMatch(/duration: \d+m \d\ds from first join to last leave/);
  });

  it('exits 1 on an invalid run with --fail-on invalid, 0 without the flag', async () => {
    const dir = await generate('--scenarios', '4', '--trip', 'generatorSaturation');
    const plain = collect();
    expect(await main(['run', dir], plain.io)).toBe(0);
    expect(plain.out.stdout).toMatch(
      /✗ invalid {2}Load generator saturation: .*the knee you see is the generator’s/,
    );
    expect(plain.out.stdout).toMatch(/logs\/controller\.log:\d+: request timeout/);
    const gated = collect();
    expect(await main(['run', dir, '--fail-on', 'invalid'], gated.io)).toBe(1);
    expect(gated.out.stderr).toContain('a scenario is invalid (--fail-on invalid)');
  });

  it('exits 1 on a suspect run only with --fail-on suspect', async () => {
    const dir = await generate('--scenarios', '4', '--trip', 'hostWideCpu');
    expect(await main(['run', dir, '--fail-on', 'invalid'], collect().io)).toBe(0);
    expect(await main(['run', dir, '--fail-on', 'suspect'], collect().io)).toBe(1);
  });

  it('writes JSON with the user steady window and fleet sizing', async () => {
    const dir = await generate('--scenarios', '4');
    const { out, io } = collect();
    expect(
      await main(['run', dir, '--json', '--steady', '30:120', '--target-participants', '100'], io),
    ).toBe(0);
    const json = JSON.parse(out.stdout) as {
      runs: {
        verdict: string;
        scenarios: {
          steady: { basis: string };
          sizing: { target: number; workersNeeded: number };
        }[];
        config: { path: string; value: string }[];
      }[];
    };
    const [run] = json.runs;
    expect(run!.verdict).toBe('valid');
    expect(run!.scenarios[0]!.steady.basis).toBe('user');
    expect(run!.scenarios[0]!.sizing.target).toBe(100);
    expect(run!.config.find(r => r.path === 'platform.apiSecret')!.value).toMatch(/redacted/);
    expect(out.stdout).not.toMatch(/s3cr3t|grafana-pass|es-pass|minio-secret/);
  });

  it('reports usage errors with exit 2 and a folder without reports', async () => {
    for (const args of [
      ['run'],
      ['run', 'a', 'b'],
      ['run', '.', '--fail-on', 'maybe'],
      ['run', '.', '--steady', '10:5'],
      ['run', '.', '--bogus'],
    ]) {
      const { out, io } = collect();
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(/^loadtest-lens run: /);
    }
    const empty = mkdtempSync(join(tmpdir(), 'ltl-empty-'));
    const { out, io } = collect();
    expect(await main(['run', empty], io)).toBe(2);
    expect(out.stderr).toContain('has no report-<ts>.html or results-<ts>.txt');
  });
});

describe('notebook commands on a run folder', () => {
  it('point to loadtest-lens run instead of listing rooms as tests', async () => {
    const dir = await generate('--scenarios', '4');
    // compare reads run folders itself (test/unit/cli/compareRuns.test.ts).
    for (const command of ['summary', 'analyze', 'report']) {
      const { out, io } = collect();
      const args = command === 'summary' ? [] : ['--out', '/tmp/never-written'];
      expect(await main([command, dir, ...args], io)).toBe(2);
      expect(out.stderr).toContain(`is a run folder of today's openvidu-loadtest`);
      expect(out.stderr).toContain(`loadtest-lens run ${dir}`);
    }
  });
});

describe('loadtest-lens generate-today', () => {
  it('never writes over a folder that has files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-full-'));
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'keep.txt'), 'keep');
    const { out, io } = collect();
    expect(await main(['generate-today', '--out', dir], io)).toBe(2);
    expect(out.stderr).toMatch(/is not empty/);
  });
  it('rejects unknown trips and malformed scenarios', async () => {
    for (const args of [
      ['--trip', 'nope'],
      ['--scenarios', '4,x'],
      ['--topology', 'N:M', '--scenarios', '4'],
    ]) {
      const { out, io } = collect();
      expect(await main(['generate-today', '--out', '/tmp/never', ...args], io)).toBe(2);
      expect(out.stderr).toMatch(/^loadtest-lens generate-today: /);
    }
  });
});

describe('loadtest-lens run --html-tz', () => {
  it('takes an offset or an IANA name; an abbreviation or an unknown name is a usage error (2)', async () => {
    const dir = await generate('--scenarios', '4');
    for (const bad of ['CST', 'Mars/Olympus_Mons', '+8']) {
      const { out, io } = collect();
      expect(await main(['run', dir, '--html-tz', bad], io), bad).toBe(2);
      expect(out.stderr).toContain(
        `--html-tz takes an offset like +08:00 or an IANA name like Asia/Shanghai, not "${bad}"`,
      );
    }
    const named = collect();
    expect(await main(['run', dir, '--html-tz', 'Europe/Madrid', '--json'], named.io)).toBe(0);
    const json = JSON.parse(named.out.stdout) as {
      runs: { htmlZone: { zone: string; offsetMinutes: number; from: string } }[];
    };
    // The generated run starts 2026-07-01: Madrid is on summer time (+02:00).
    expect(json.runs[0]!.htmlZone).toMatchObject({
      zone: 'Europe/Madrid',
      offsetMinutes: 120,
      from: 'setting',
    });
  });
});
