import { describe, expect, it } from 'vitest';
import { rangeLabel, statsVM } from '../../../src/core/viewmodel/stats';
import { row } from '../analysis-downstream/rows';

const TEST = 'loadtest-webrtc-2024-kurento-2p';

/** Eight VMAF rows: four at CPU < 0.9 with high QoE, four at CPU ≥ 0.9 with low QoE. */
function qoeRows() {
  const low = [
    [0.5, 0.9],
    [0.6, 0.8],
    [0.7, 0.86],
    [0.8, 0.96],
  ];
  const high = [
    [0.92, 0.4],
    [0.95, 0.5],
    [0.97, 0.46],
    [0.99, 0.3],
  ];
  return [...low, ...high].map(([cpu, qoe], i) =>
    row('QOE', { start: i, end: i + 1, user: i + 1, cpu, qoe, test: TEST }),
  );
}

describe('statistics view model', () => {
  const vm = statsVM({ root: '/r', test: TEST, tests: [{ name: TEST, rows: qoeRows() }] });

  it('lists the sections of the test with their row counts and picks the first with rows', () => {
    // A test name without subscribers has no publisher/subscriber sections.
    expect(vm.sections.map(s => [s.name, s.rows])).toEqual([
      ['qoe_vmaf', 8],
      ['qoe_visqol', 0],
      ['connection_start', 0],
    ]);
    expect(vm.section).toBe('qoe_vmaf');
    expect(vm.metric).toBe('VMAF');
  });

  it('has the CPU-band table of each section (n per band counted by hand)', () => {
    const vmaf = vm.bandTables.find(t => t.section === 'qoe_vmaf');
    expect(vmaf?.rows.map(r => [r.threshold, r.n])).toEqual([
      ['Full test', 8],
      ['Median CPU < 0.8', 3],
      ['Median CPU < 0.9', 4],
      ['Median CPU < 0.95', 5],
      ['0.8 <= Median CPU < 0.9', 1],
      ['0.9 <= Median CPU', 4],
      ['0.9 <= Median CPU < 0.95', 1],
      ['0.95 <= Median CPU', 3],
    ]);
    // Full test: median of the eight QoE values = (0.5 + 0.8) / 2.
    expect(vmaf?.rows[0]?.median).toBeCloseTo(0.65, 14);
  });

  it('compares CPU < 0.9 with CPU >= 0.9: medians, exact Mann–Whitney and the reading', () => {
    const c = vm.cases[0];
    expect([c?.X, c?.Y]).toEqual(['CPU < 0.9', 'CPU >= 0.9']);
    expect(c?.groups.map(g => g.box?.n)).toEqual([4, 4]);
    const basics = Object.fromEntries(c?.basics.map(b => [b.key, b.raw]) ?? []);
    expect(basics['median(X)']).toBeCloseTo(0.88, 14);
    expect(basics['median(Y)']).toBeCloseTo(0.43, 14);
    const mwu = c?.tests.find(t => t.key === 'MWU');
    // Every X above every Y: U = 4·4 = 16; exact two-sided p = 2/C(8,4) = 2/70.
    expect(mwu?.raw).toEqual({ statistic: 16, pvalue: expect.closeTo(2 / 70, 12) as number });
    expect(c?.tests.find(t => t.key === 'rank-biserial')?.raw).toEqual({ statistic: 1 });
    expect(c?.reading.raw).toBe(
      'QoE (VMAF) is lower when CPU >= 0.9: median −0.45 (0.88 → 0.43), large effect (r = 1.00), Mann–Whitney p = 0.029, n = 4 vs 4.',
    );
    // The t-test lists normality of both groups and equal variance next to it.
    expect(c?.tests.find(t => t.key === 't-test')?.assumptions.map(a => a.label)).toEqual([
      'Normality of X (Shapiro–Wilk)',
      'Normality of Y (Shapiro–Wilk)',
      'Equal variance (Brown–Forsythe)',
    ]);
    expect(c?.intervals.map(i => i.key)).toContain('shift (Hodges-Lehmann)');
    expect(c?.scatter.map(s => s.length)).toEqual([4, 4]);
  });

  it('builds the second notebook case and a case of two CPU ranges the user picked', () => {
    const custom = statsVM(
      { root: '/r', test: TEST, tests: [{ name: TEST, rows: qoeRows() }] },
      { section: 'qoe_vmaf', custom: { x: [0, 0.65], y: [0.65, null] } },
    );
    expect(custom.cases.map(c => [c.X, c.Y, c.groups.map(g => g.box?.n)])).toEqual([
      ['CPU < 0.9', 'CPU >= 0.9', [4, 4]],
      ['CPU < 0.95', 'CPU >= 0.95', [5, 3]],
      ['CPU < 0.65', 'CPU >= 0.65', [2, 6]],
    ]);
    expect(custom.cases[2]?.custom).toBe(true);
    expect(custom.custom).toEqual({ x: [0, 0.65], y: [0.65, null] });
  });

  it('keeps a case with an empty group, without tests, and says why', () => {
    const only = qoeRows().slice(0, 4);
    const v = statsVM({ root: '/r', test: TEST, tests: [{ name: TEST, rows: only }] });
    expect(v.cases[0]?.tests).toEqual([]);
    expect(v.cases[0]?.reading.raw).toBe(
      'QoE (VMAF): CPU < 0.9 and CPU >= 0.9 cannot be compared (n = 4 and 0).',
    );
    expect(v.notes.some(n => n.includes('is empty'))).toBe(true);
  });

  it('pools every test and groups connection starts by role and batch', () => {
    const starts = (test: string, user: number, cpu: number, duration: number) => [
      row('connectionStart', { start: user, end: user + duration, user, cpu, test }),
      row('connectionSuccess', { start: user + duration, end: user + 50, user, cpu, test }),
    ];
    const a = 'loadtest-webrtc-2024-mediasoup-2p-2s';
    const b = TEST;
    const v = statsVM({
      root: '/r',
      test: null,
      tests: [
        { name: a, rows: [...starts(a, 1, 0.5, 2), ...starts(a, 3, 0.95, 6)] },
        { name: b, rows: [...starts(b, 1, 0.4, 1), ...qoeRows()] },
      ],
    });
    expect(v.tests).toEqual([a, b]);
    expect(v.bandTables.find(t => t.section === 'connection_start')?.rows[0]?.n).toBe(3);
    // User 3 of a 2p-2s test subscribes; the others publish.
    expect(v.starts?.roles.map(r => [r.label, r.box?.n])).toEqual([
      ['Publishers', 2],
      ['Subscribers', 1],
    ]);
    expect(v.starts?.batches.map(r => [r.label, r.box?.n])).toEqual([['Batch 0', 3]]);
  });

  it('labels CPU ranges', () => {
    expect(rangeLabel([0, 0.85])).toBe('CPU < 0.85');
    expect(rangeLabel([0.85, null])).toBe('CPU >= 0.85');
    expect(rangeLabel([0.5, 0.8])).toBe('0.5 <= CPU < 0.8');
  });
});

describe('statistics on the CPU bands of the setting loadtestLens.cpuBands', () => {
  const input = { root: '/r', test: TEST, tests: [{ name: TEST, rows: qoeRows() }] };

  it("the notebook's thresholds keep its bands and cases exactly", () => {
    expect(statsVM(input, { cpuBands: [0.8, 0.9, 0.95] })).toEqual(statsVM(input));
  });

  it('other thresholds give the same structure on them (counted by hand)', () => {
    // CPU of the rows: 0.5, 0.6, 0.7, 0.8 | 0.92, 0.95, 0.97, 0.99 with QoE
    // 0.9, 0.8, 0.86, 0.96 | 0.4, 0.5, 0.46, 0.3.
    const vm = statsVM(input, { cpuBands: [0.65, 0.95] });
    const vmaf = vm.bandTables.find(t => t.section === 'qoe_vmaf');
    expect(vmaf?.rows.map(r => [r.threshold, r.n])).toEqual([
      ['Full test', 8],
      ['Median CPU < 0.65', 2],
      ['Median CPU < 0.95', 5],
      ['Median 0.65 <= CPU < 0.95', 3],
      ['Median CPU >= 0.95', 3],
    ]);
    // 0.65–0.95: QoE 0.86, 0.96, 0.4 → median 0.86; ≥ 0.95: 0.5, 0.46, 0.3 → median 0.46.
    expect(vmaf?.rows[3]?.median).toBeCloseTo(0.86, 14);
    expect(vmaf?.rows[4]?.median).toBeCloseTo(0.46, 14);
    // One case, at the upper threshold: 5 rows below 0.95, 3 from it.
    expect(vm.cases.map(c => [c.X, c.Y, c.groups.map(g => g.box?.n)])).toEqual([
      ['CPU < 0.95', 'CPU >= 0.95', [5, 3]],
    ]);
  });

  it('a single threshold splits in two: Full, below, from it; one case', () => {
    const vm = statsVM(input, { cpuBands: [0.9] });
    expect(vm.bandTables[0]?.rows.map(r => [r.threshold, r.n])).toEqual([
      ['Full test', 8],
      ['Median CPU < 0.9', 4],
      ['Median CPU >= 0.9', 4],
    ]);
    expect(vm.cases.map(c => [c.X, c.Y])).toEqual([['CPU < 0.9', 'CPU >= 0.9']]);
  });
});
