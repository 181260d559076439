/**
 * Fault suite: realistic result roots (made by the generator) damaged in each way real folders
 * are. Each must open, show what it can, list a precise diagnostic naming the file (and line
 * where there is one), and stay byte-for-byte unchanged: nothing is ever written into a root.
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeRoot, type RootSummary } from '../../../src/core/analysis/rootSummary';
import { defaultOptions, planRoot, writeRoot } from '../../../src/generate';
import type { Diagnostic } from '../../../src/core/model/diagnostic';

const OV2 = 'loadtest-webrtc-2024-kurento-2p';
const LK = 'loadtest-webrtc-2024-pion-8p';
let pristine = '';

beforeAll(async () => {
  pristine = join(mkdtempSync(join(tmpdir(), 'ltl-faults-')), 'root');
  const options = {
    ...defaultOptions('2024'),
    seed: 'faults',
    tests: [OV2, LK],
    sessions: 2,
    stats: false,
    holdSeconds: 20,
  };
  await writeRoot(planRoot(options), pristine);
});

/** A fresh copy of the pristine root to damage. */
function copy(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'ltl-fault-')), 'root');
  cpSync(pristine, root, { recursive: true });
  return root;
}

/** Paths, sizes, mtimes and contents of every file: the root must be unchanged after opening. */
function fingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else
        hash
          .update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\0`)
          .update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest('hex');
}

async function open(root: string): Promise<{ summary: RootSummary; all: Diagnostic[] }> {
  const before = fingerprint(root);
  const summary = await summarizeRoot(root, { logTimezone: 'auto' });
  expect(fingerprint(root)).toBe(before);
  return { summary, all: [...summary.diagnostics, ...summary.tests.flatMap(t => t.diagnostics)] };
}

function firstUserDir(root: string, test: string): string {
  return join(root, 'stats', test, 'LoadTestSession1', 'User1');
}

function logOf(root: string, test: string): string {
  return join(root, 'logs', `${test}.log`);
}

describe('fault suite', () => {
  it('the pristine root opens with no errors or warnings', async () => {
    const { summary, all } = await open(copy());
    expect(summary.tests.map(t => t.name)).toEqual([OV2, LK]);
    expect(all.filter(d => d.severity !== 'info')).toEqual([]);
  });

  const cases: Array<{
    name: string;
    damage: (root: string) => string;
    code: string;
    line?: boolean;
  }> = [
    {
      name: 'a truncated events.json (write interrupted)',
      damage: root => {
        const f = join(firstUserDir(root, OV2), 'events.json');
        const text = readFileSync(f, 'utf8');
        writeFileSync(f, text.slice(0, Math.floor(text.length * 0.6)));
        return f;
      },
      code: 'json.truncated',
      line: true,
    },
    {
      name: 'an empty events.json',
      damage: root => write(join(firstUserDir(root, OV2), 'events.json'), ''),
      code: 'json.empty',
    },
    {
      name: 'events.json of the wrong type',
      damage: root => write(join(firstUserDir(root, OV2), 'events.json'), '{"event":"x"}'),
      code: 'json.notArray',
    },
    {
      name: 'an event with a wrong-typed timestamp',
      damage: root =>
        write(
          join(firstUserDir(root, LK), 'events.json'),
          '[{"event":"connectionStart","timestamp":1718878512003}]',
        ),
      code: 'events.badTimestamp',
    },
    {
      name: 'unknown event names',
      // At the time of the user's own first event: in the run its log describes.
      damage: root => {
        const file = join(firstUserDir(root, LK), 'events.json');
        const [first] = JSON.parse(readFileSync(file, 'utf8')) as { timestamp: string }[];
        return write(
          file,
          JSON.stringify([{ event: 'SomethingNew', timestamp: first?.timestamp }]),
        );
      },
      code: 'events.unknownNames',
    },
    {
      name: 'a user without events.json',
      damage: root => {
        const f = join(firstUserDir(root, OV2), 'events.json');
        rmSync(f);
        return firstUserDir(root, OV2);
      },
      code: 'user.noEvents',
    },
    {
      name: 'a test stopped early (no "Saved result" line)',
      damage: root => {
        const f = logOf(root, OV2);
        writeFileSync(
          f,
          readFileSync(f, 'utf8')
            .split('\n')
            .filter(l => !l.includes('Saved result'))
            .join('\n'),
        );
        return f;
      },
      code: 'log.noEndLine',
    },
    {
      name: 'a duplicated user folder',
      damage: root => {
        const to = join(root, 'stats', OV2, 'LoadTestSession1', 'User9');
        cpSync(firstUserDir(root, OV2), to, { recursive: true });
        return to;
      },
      code: 'layout.duplicateUser',
    },
    {
      name: 'bytes that are not UTF-8 in the log',
      damage: root => {
        const f = logOf(root, OV2);
        appendFileSync(f, Buffer.from([0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x0a]));
        return f;
      },
      code: 'log.notUtf8',
    },
    {
      name: 'bytes that are not UTF-8 in events.json',
      damage: root => {
        const f = join(firstUserDir(root, OV2), 'events.json');
        const text = readFileSync(f);
        writeFileSync(
          f,
          Buffer.concat([text.subarray(0, 20), Buffer.from([0xff, 0xfe]), text.subarray(20)]),
        );
        return f;
      },
      code: 'file.notUtf8',
      line: true,
    },
    {
      name: 'a log whose clock is 7 minutes off the events',
      damage: root => {
        const f = logOf(root, OV2);
        writeFileSync(
          f,
          readFileSync(f, 'utf8').replace(
            /^(\d{4}-\d{2}-\d{2} \d{2}):(\d{2})(:\d{2}\.\d{3} {2}INFO .* Starting test with)/m,
            (_m, h, mm, rest) => `${h}:${String((Number(mm) + 7) % 60).padStart(2, '0')}${rest}`,
          ),
        );
        return f;
      },
      code: 'log.clockSkew',
      line: true,
    },
    {
      name: 'a CPU csv with a gap',
      damage: root => {
        const f = join(root, 'dfs_final', `${OV2}-medianode.csv`);
        const lines = readFileSync(f, 'utf8').split('\n');
        writeFileSync(f, [...lines.slice(0, 10), ...lines.slice(16)].join('\n'));
        return f;
      },
      code: 'csv.gap',
    },
    {
      name: 'QoE files for unknown users',
      damage: root =>
        write(
          join(root, 'qoe', OV2, 'v-LoadTestSession1-User1-User77_cuts.json'),
          '[{"cut_index":0,"vmaf":0.9,"visqol":0.8}]',
        ),
      code: 'qoe.unknownUser',
    },
    {
      name: 'a QoE file with an unreadable name',
      damage: root =>
        write(join(root, 'qoe', OV2, 'v-x-LoadTestSession1-User1-User2_cuts.json'), '[]'),
      code: 'qoe.badName',
    },
    {
      name: 'a malformed batches.json',
      damage: root => write(join(root, 'dfs_final', 'batches.json'), '{"a": '),
      code: 'json.invalid',
    },
    {
      name: 'a CPU csv without its header',
      damage: root =>
        write(join(root, 'dfs_final', `${OV2}-medianode.csv`), '2024-06-20T10:15:00Z,0.1,0.2\n'),
      code: 'csv.missingColumn',
      line: true,
    },
  ];

  function write(file: string, text: string): string {
    writeFileSync(file, text);
    return file;
  }

  for (const c of cases) {
    it(`${c.name}: opens, names the file${c.line ? ' and line' : ''}, changes nothing`, async () => {
      const root = copy();
      const file = c.damage(root);
      const { summary, all } = await open(root);
      expect(summary.tests.map(t => t.name)).toEqual([OV2, LK]);
      const code = c.code === 'log.notUtf8' ? 'file.notUtf8' : c.code;
      const hits = all.filter(d => d.code === code);
      expect(hits.map(d => d.file)).toContain(file);
      if (c.line) expect(hits.find(d => d.file === file)?.line).toBeGreaterThanOrEqual(1);
      // The other test is untouched by the damage and still reads in full.
      const other = summary.tests.find(t => !file.includes(t.name));
      if (other) expect(other.userCount).toBeGreaterThan(0);
    });
  }
});
