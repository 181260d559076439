import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQoeFile, parseQoeFileName } from '../../../src/core/ingest/qoe';

describe('QoE file names', () => {
  it('split as the notebook does: name.split("_")[0].split("-")', () => {
    expect(parseQoeFileName('v-LoadTestSession1-User1-User2_cuts.json')).toEqual({
      prefix: 'v',
      session: 'LoadTestSession1',
      userFrom: 'User1',
      userTo: 'User2',
    });
    expect(parseQoeFileName('vmaf-LoadTestSession3-User4-User1_cuts.json')?.prefix).toBe('vmaf');
  });
  it('refuse names that do not split into four parts or are not cut files', () => {
    expect(parseQoeFileName('v-x-LoadTestSession1-User1-User2_cuts.json')).toBeUndefined();
    expect(parseQoeFileName('v-LoadTestSession1-User1-User2_vmaf.json')).toBeUndefined();
    expect(parseQoeFileName('v--User1-User2_cuts.json')).toBeUndefined();
  });
});

describe('QoE cuts', () => {
  const name = { prefix: 'v', session: 'LoadTestSession1', userFrom: 'User1', userTo: 'User2' };
  it('reads cuts sorted by index, with gaps noted', () => {
    const r = parseQoeFile(
      '[{"cut_index":3,"vmaf":0.5,"visqol":0.6},{"cut_index":0,"vmaf":0.9,"visqol":0.8}]',
      'f',
      name,
    );
    expect(Array.from(r.cutIndex)).toEqual([0, 3]);
    expect(Array.from(r.vmaf)).toEqual([0.9, 0.5]);
    expect(Array.from(r.visqol)).toEqual([0.8, 0.6]);
    expect(r.diagnostics.map(d => [d.code, d.message])).toEqual([
      ['qoe.gaps', '2 of 4 cuts are missing (failed cuts are skipped by the analyser).'],
    ]);
    const one = parseQoeFile('[{"cut_index":1,"vmaf":0.5,"visqol":0.6}]', 'f', name);
    expect(one.diagnostics.map(d => d.message)).toEqual([
      '1 of 2 cuts is missing (failed cuts are skipped by the analyser).',
    ]);
  });
  it('flags bad indexes, bad and out-of-range values, duplicates', () => {
    const r = parseQoeFile(
      '[{"vmaf":0.5},{"cut_index":0,"vmaf":"x","visqol":1.5},{"cut_index":0,"vmaf":0.1}]',
      'f',
      name,
    );
    expect(r.cutIndex.length).toBe(1);
    expect(Number.isNaN(r.vmaf[0])).toBe(true);
    expect(r.visqol[0]).toBe(1.5);
    expect(r.diagnostics.map(d => d.code)).toEqual([
      'qoe.badCutIndex',
      'qoe.badValue',
      'qoe.outOfRange',
      'qoe.duplicateCut',
    ]);
  });

  it("reads the Python analyser's own file: a ViSQOL it could not score is −0.25, named once (test/fixtures/real/qoe-cuts)", () => {
    const file = join(
      __dirname,
      '../../fixtures/real/qoe-cuts/v-LoadTestSession1-User1-User2_cuts.json',
    );
    const r = parseQoeFile(readFileSync(file, 'utf8'), file, name);
    // By hand from the fixture script's inputs (its README): ViSQOL MOS 4.328, 3.7532, none, 4.
    expect(Array.from(r.cutIndex)).toEqual([0, 1, 3, 4]);
    expect(Array.from(r.vmaf)).toEqual([0.9242, 0.6253, 0.3973, 0.815]);
    expect(Array.from(r.visqol)).toEqual([(4.328 - 1) / 4, 0.6883, -0.25, 0.75]);
    expect(r.diagnostics.map(d => [d.code, d.severity])).toEqual([
      ['qoe.visqolUnscored', 'warning'],
      ['qoe.gaps', 'info'],
    ]);
    expect(r.diagnostics[0]?.message).toMatch(/^ViSQOL gave no score for cut 3: visqol = −0\.25/);
  });

  it("names the cuts at 0 (the lowest score, or the TypeScript analyser's no score) and lists many cuts briefly", () => {
    const cuts = Array.from({ length: 12 }, (_, i) => ({ cut_index: i, vmaf: 0.5, visqol: -0.25 }));
    cuts.push({ cut_index: 12, vmaf: 0.5, visqol: 0 });
    const r = parseQoeFile(JSON.stringify(cuts), 'f', name);
    expect(r.diagnostics.map(d => d.code)).toEqual(['qoe.visqolUnscored', 'qoe.visqolZero']);
    expect(r.diagnostics[0]?.message).toContain('cuts 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more:');
    expect(r.diagnostics[1]?.message).toMatch(/^visqol = 0 for cut 12: .* Kept as 0\.$/);
    // −0.25 is a value only for ViSQOL: a VMAF of −0.25 is out of range like any other.
    const vmaf = parseQoeFile('[{"cut_index":0,"vmaf":-0.25,"visqol":0.5}]', 'f', name);
    expect(vmaf.diagnostics.map(d => d.code)).toEqual(['qoe.outOfRange']);
  });
});
