// Media-node CSV and QoE files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootPlan } from '../../../src/generate/model';
import { notebookIsPublisher } from '../../../src/generate/options';
import { Rng } from '../../../src/generate/prng';
import { cutScores } from '../../../src/generate/qoe';
import {
  SMALL_TESTS,
  cleanup,
  generate,
  listFiles,
  readJson,
  readText,
  smallOptions,
} from './helpers';

interface Row {
  at: number;
  cpu: number | null;
  memory: number | null;
}

function parseCsv(text: string): { header: string; rows: Row[] } {
  const [header, ...lines] = text.trimEnd().split('\n');
  const rows = lines.map(l => {
    const [ts, cpu, memory] = l.split(',');
    expect(ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    return {
      at: Date.parse(ts as string),
      cpu: cpu === '' ? null : Number(cpu),
      memory: memory === '' ? null : Number(memory),
    };
  });
  return { header: header as string, rows };
}

describe('medianode CSV in a big test', () => {
  let dir = '';
  let plan: RootPlan;
  beforeAll(async () => {
    ({ dir, plan } = await generate(
      smallOptions({
        tests: [SMALL_TESTS.kurento],
        sessionsByTest: {},
        sessions: 30,
        capacityScale: 1,
        failureRate: 1,
        stats: false,
        qoe: false,
      }),
      'cpu',
    ));
  });
  afterAll(async () => cleanup(dir));

  it('has @timestamp,cpu,memory rows every few seconds around the whole log', async () => {
    const { header, rows } = parseCsv(
      await readText(dir, `dfs_final/${SMALL_TESTS.kurento}-medianode.csv`),
    );
    const t = plan.tests[0];
    expect(header).toBe('@timestamp,cpu,memory');
    expect(rows[0]?.at).toBeLessThan(t?.logStartAt as number);
    expect(rows[rows.length - 1]?.at).toBeGreaterThan(t?.finishedAt as number);
    for (let i = 1; i < rows.length; i++) {
      const gap = (rows[i]?.at as number) - (rows[i - 1]?.at as number);
      expect(gap).toBeGreaterThan(2000);
      expect(gap).toBeLessThan(8000);
    }
    for (const r of rows) {
      for (const v of [r.cpu, r.memory]) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it('crosses 0.8, 0.9 and 0.95 as streams grow, and memory rises slowly', async () => {
    const { rows } = parseCsv(
      await readText(dir, `dfs_final/${SMALL_TESTS.kurento}-medianode.csv`),
    );
    const t = plan.tests[0];
    const cpu = rows.filter(r => r.cpu !== null) as { at: number; cpu: number }[];
    const max = Math.max(...cpu.map(r => r.cpu));
    expect(max).toBeGreaterThan(0.95);
    const first = (th: number): number => cpu.find(r => r.cpu > th)?.at ?? Infinity;
    expect(first(0.8)).toBeLessThanOrEqual(first(0.9));
    expect(first(0.9)).toBeLessThanOrEqual(first(0.95));
    const early = cpu.filter(r => r.at < (t?.testStartAt as number)).map(r => r.cpu);
    expect(Math.max(...early)).toBeLessThan(0.2);
    const mem = rows.filter(
      r =>
        r.memory !== null && r.at > (t?.testStartAt as number) && r.at < (t?.testEndAt as number),
    ) as { memory: number }[];
    expect((mem[mem.length - 1]?.memory as number) - (mem[0]?.memory as number)).toBeGreaterThan(0);
  });
});

describe('QoE files', () => {
  let dir = '';
  let plan: RootPlan;
  beforeAll(async () => {
    ({ dir, plan } = await generate(smallOptions({ stats: false }), 'qoe'));
  });
  afterAll(async () => cleanup(dir));

  it('parse with the notebook name.split("_")[0].split("-") into same-session recorder/publisher pairs', async () => {
    for (const t of plan.tests) {
      const names = (await listFiles(dir))
        .filter(f => f.startsWith(`qoe/${t.spec.name}/`))
        .map(f => f.split('/').pop() as string);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const info = name.split('_')[0]?.split('-') as string[];
        expect(info.length).toBe(4);
        expect(info[0]).toBe('v');
        const session = Number(info[1]?.replace('LoadTestSession', ''));
        const recorder = Number(info[2]?.replace('User', ''));
        const recorded = Number(info[3]?.replace('User', ''));
        expect(recorder).not.toBe(recorded);
        expect(notebookIsPublisher(t.spec.name, recorded)).toBe(true);
        expect(session).toBeGreaterThanOrEqual(1);
        expect(session).toBeLessThanOrEqual(t.sessions);
      }
    }
  });

  it('has one cut per 17 s of shared connected time after the 5 s delay, 0..1 values, ascending cut_index', async () => {
    let gaps = 0;
    for (const t of plan.tests) {
      for (const q of t.qoe) {
        const cuts = await readJson<{ cut_index: number; vmaf: number; visqol: number }[]>(
          dir,
          `qoe/${t.spec.name}/v-LoadTestSession${q.session}-User${q.recorder}-User${q.recorded}_cuts.json`,
        );
        const r = t.users.find(u => u.session === q.session && u.user === q.recorder);
        const b = t.users.find(u => u.session === q.session && u.user === q.recorded);
        let overlap = 0;
        for (const [s1, e1] of r?.intervals ?? []) {
          for (const [s2, e2] of b?.intervals ?? [])
            overlap += Math.max(0, Math.min(e1, e2) - (Math.max(s1, s2) + 5000));
        }
        const maxCuts = Math.floor(overlap / 17000);
        expect(cuts.length).toBeGreaterThan(0);
        expect(Math.max(...cuts.map(c => c.cut_index))).toBeLessThan(maxCuts);
        for (let i = 0; i < cuts.length; i++) {
          const c = cuts[i] as { cut_index: number; vmaf: number; visqol: number };
          expect(Object.keys(c)).toEqual(['cut_index', 'vmaf', 'visqol']);
          expect(c.vmaf >= 0 && c.vmaf <= 1 && c.visqol >= 0 && c.visqol <= 1).toBe(true);
          if (i > 0) {
            const prev = (cuts[i - 1] as { cut_index: number }).cut_index;
            expect(c.cut_index).toBeGreaterThan(prev);
            if (c.cut_index > prev + 1) gaps++;
          }
        }
      }
    }
    expect(gaps).toBeGreaterThan(0);
  });

  it('degrades VMAF and ViSQOL as the CPU rises, for every server', () => {
    for (const server of ['kurento', 'mediasoup', 'pion'] as const) {
      const rng = new Rng(`qoe-${server}`);
      const mean = (cpu: number, key: 'vmaf' | 'visqol'): number =>
        Array.from({ length: 300 }, () => cutScores(server, cpu, rng)[key]).reduce(
          (a, b) => a + b,
          0,
        ) / 300;
      expect(mean(0.5, 'vmaf')).toBeGreaterThan(mean(0.97, 'vmaf') + 0.15);
      expect(mean(0.5, 'visqol')).toBeGreaterThan(mean(0.97, 'visqol') + 0.05);
    }
  });
});
