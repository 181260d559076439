/**
 * Every command × every kind of input → the exit code of the one policy (src/cli/exit.ts):
 * 0 done, 1 the verdict asked for failed, 2 bad usage or input that cannot be analysed,
 * 3 internal error. A read failure is simulated by making node:fs/promises' and node:fs's readFile
 * fail with EIO for chosen paths (failingFs.ts); an internal error by an output stream that throws.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { collect } from './collect';
import { failing } from './failingFs';
import { KURENTO, makeMiniRoot } from '../core/miniRoot';

vi.mock('node:fs/promises', async importOriginal =>
  (await import('./failingFs')).withFailures(await importOriginal()),
);
vi.mock('node:fs', async importOriginal =>
  (await import('./failingFs')).withCallbackFailures(await importOriginal()),
);

afterEach(() => {
  failing.pattern = undefined;
});

/** An io whose stdout fails (a closed pipe): whatever the command prints, it cannot. */
function brokenIo(): { io: CliIo; stderr: () => string } {
  const { out, io } = collect();
  return {
    io: {
      stdout: () => {
        throw new Error('write EPIPE');
      },
      stderr: io.stderr,
    },
    stderr: () => out.stderr,
  };
}

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `ltl-exit-${prefix}-`));

let good = '';
let logsOnly = '';
let empty = '';
const missing = join(tmpdir(), 'ltl-exit-does-not-exist', 'root');
let run = '';
/** An events.json of the good root: its read fails in the "unreadable" cases. */
const UNREADABLE_EVENTS =
  /ltl-mini-[^/\\]+[\\/]stats[\\/][^/\\]+[\\/]LoadTestSession1[\\/]User1[\\/]events\.json$/;

beforeAll(async () => {
  good = makeMiniRoot();
  logsOnly = tmp('logs');
  cpSync(join(good, 'logs'), join(logsOnly, 'logs'), { recursive: true });
  empty = tmp('empty');
  run = join(tmp('run'), 'run');
  const g = collect();
  expect(await main(['generate-today', '--out', run, '--scenarios', '4'], g.io), g.out.stderr).toBe(
    0,
  );
}, 120_000);

/** The argv of each notebook command on `root`, writing into a fresh output. */
const NOTEBOOK: Record<string, (root: string) => string[]> = {
  summary: root => ['summary', root],
  analyze: root => ['analyze', root, '--out', join(tmp('out'), 'analysis')],
  report: root => ['report', root, '--out', join(tmp('out'), 'report.html')],
  compare: root => [
    'compare',
    root,
    root,
    '--out',
    join(tmp('out'), 'cmp'),
    '--knee-resamples',
    '0',
  ],
};

async function codeOf(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const { out, io } = collect();
  const code = await main(argv, io);
  return { code, ...out };
}

describe.each(Object.keys(NOTEBOOK))('loadtest-lens %s', command => {
  const argv = (root: string) => (NOTEBOOK[command] as (r: string) => string[])(root);

  it('good root → 0', async () => {
    const r = await codeOf(argv(good));
    expect(r.code, r.stderr).toBe(0);
  });

  it('logs-only root → the answer of the shared detection', async () => {
    const r = await codeOf(argv(logsOnly));
    // summary and report read what the logs hold; analyze and compare need stats/.
    const expected = command === 'summary' || command === 'report' ? 0 : 2;
    expect(r.code, r.stderr).toBe(expected);
    if (expected === 2) expect(r.stderr).toContain('logs only (2 logs/<test>.log');
    else expect(r.stderr).not.toContain('Not a result root');
  });

  it('empty folder and nonexistent path → 2 with the reason', async () => {
    const e = await codeOf(argv(empty));
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`${empty} is empty: nothing to read`);
    const m = await codeOf(argv(missing));
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(`${missing} does not exist: nothing to read`);
  });

  it('a file that cannot be read → says so and exits 2', async () => {
    failing.pattern = UNREADABLE_EVENTS;
    const r = await codeOf(argv(good));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/LoadTestSession1\/User1\/events\.json: Cannot read this file \(EIO/);
    if (command === 'summary' || command === 'analyze')
      expect(r.stderr).toContain('1 input file(s) could not be read');
  });

  it('bad usage → 2', async () => {
    const r = await codeOf([command, good, '--no-such-option']);
    expect(r.code).toBe(2);
  });

  it('internal error (output stream fails) → 3, never 1', async () => {
    const b = brokenIo();
    expect(await main(argv(good), b.io), b.stderr()).toBe(3);
    expect(b.stderr()).toContain('loadtest-lens: internal error (exit 3):\nError: write EPIPE');
  });
});

describe('loadtest-lens run', () => {
  it('run folder → 0; notebook root, empty folder, nonexistent path → 2', async () => {
    expect((await codeOf(['run', run])).code).toBe(0);
    const notebook = await codeOf(['run', good]);
    expect(notebook.code).toBe(2);
    expect(notebook.stderr).toContain(`loadtest-lens summary ${good}`);
    expect((await codeOf(['run', logsOnly])).code).toBe(2);
    expect((await codeOf(['run', empty])).code).toBe(2);
    expect((await codeOf(['run', missing])).code).toBe(2);
  });

  it('a file that cannot be read → 2, even with --fail-on', async () => {
    failing.pattern = /results-[^/\\]+\.txt$/;
    const r = await codeOf(['run', run, '--fail-on', 'invalid']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/input file\(s\) could not be read/);
  });

  it('bad usage → 2; internal error → 3', async () => {
    expect((await codeOf(['run', run, '--fail-on', 'never'])).code).toBe(2);
    const b = brokenIo();
    expect(await main(['run', run], b.io)).toBe(3);
  });
});

describe.each(['generate', 'generate-today'])('loadtest-lens %s', command => {
  const extra =
    command === 'generate'
      ? ['--tests', 'loadtest-webrtc-2024-kurento-2p', '--sessions', '1']
      : ['--scenarios', '2'];

  it('new or empty folder → 0; a folder with files, or under a file → 2', async () => {
    expect((await codeOf([command, '--out', join(tmp('gen'), 'new'), ...extra])).code).toBe(0);
    expect((await codeOf([command, '--out', tmp('gen'), ...extra])).code).toBe(0);
    expect((await codeOf([command, '--out', good, ...extra])).code).toBe(2);
    const file = join(tmp('gen'), 'file');
    writeFileSync(file, 'x');
    const under = await codeOf([command, '--out', join(file, 'x'), ...extra]);
    expect(under.code).toBe(2);
    expect(under.stderr).toContain(`${file} is a file, not a folder`);
  });

  it('bad usage → 2; internal error → 3', async () => {
    expect((await codeOf([command, '--out', tmp('gen'), '--bogus', '1'])).code).toBe(2);
    expect((await codeOf([command])).code).toBe(2);
    const b = brokenIo();
    expect(await main([command, '--out', join(tmp('gen'), 'x'), ...extra], b.io)).toBe(3);
  });
});

describe('--out is checked at once', () => {
  it('under a regular file, or inside the analysed root → 2 before any reading', async () => {
    const before = [readdirSync(good).sort(), readdirSync(join(good, 'logs')).sort()];
    const file = join(tmp('out'), 'file');
    writeFileSync(file, 'x');
    for (const argv of [
      ['compare', good, good, '--out', join(file, 'cmp')],
      ['analyze', good, '--out', join(file, 'a')],
      ['report', good, '--out', join(file, 'r.html')],
    ]) {
      const r = await codeOf(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`cannot be created: ${file} is a file, not a folder`);
      expect(r.stderr).not.toContain('reading ');
    }
    for (const argv of [
      ['compare', good, good, '--out', join(good, 'cmp')],
      ['analyze', good, '--out', join(good, 'analysis')],
      ['report', good, '--out', join(good, 'logs', 'r.html')],
      // a test's folder is read as part of its root
      ['analyze', join(good, 'stats', KURENTO), '--out', join(good, 'analysis')],
    ]) {
      const r = await codeOf(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`is inside the folder being read (${good})`);
    }
    expect([readdirSync(good).sort(), readdirSync(join(good, 'logs')).sort()]).toEqual(before);
  });
});

describe('terminal control characters in names', () => {
  it('are printed escaped, never raw', async () => {
    const root = tmp('esc');
    const name = 'loadtest-webrtc-2024-kurento-2p\u001b]0;pwned\u0007\u009b2J\u007f';
    mkdirSync(join(root, 'logs'));
    cpSync(
      join(good, 'logs', readdirSync(join(good, 'logs'))[0] as string),
      join(root, 'logs', `${name}.log`),
    );
    mkdirSync(join(root, 'stats', name, 'LoadTestSession1', 'User1'), { recursive: true });
    writeFileSync(join(root, 'stats', name, 'LoadTestSession1', 'User1', 'events.json'), '[');
    const r = await codeOf(['summary', root]);
    const printed = r.stdout + r.stderr;
    expect(printed).toContain(
      'loadtest-webrtc-2024-kurento-2p\\u001b]0;pwned\\u0007\\u009b2J\\u007f',
    );
    // eslint-disable-next-line no-control-regex
    expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const json = await codeOf(['summary', root, '--json']);
    const parsed = JSON.parse(json.stdout) as { tests: Array<{ name: string }> };
    expect(parsed.tests[0]?.name).toBe(name);
  });
});
