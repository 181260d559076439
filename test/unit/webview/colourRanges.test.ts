// The colour-range settings (loadtestLens.qosColorRanges / qoeColorRanges) applied to the
// swimlane's ramps; expectations worked out by hand from the notebook's ramp
// black → orange → yellow → green → darkblue and the ranges set here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  QOS_VARIANTS,
  qoeRanges,
  qosVariant,
  variantsWithRanges,
} from '../../../src/core/viewmodel/swimlaneQos';
import { qoeColor, qoeRampOf, qosColor, rampTicks } from '../../../src/webview/swimlane/colors';

/** The defaults package.json declares for the two settings. */
const declared = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'))
  .contributes.configuration.properties as Record<string, { default: unknown }>;
const DEFAULT_QOS = declared['loadtestLens.qosColorRanges']!.default as Record<
  string,
  { good: number; bad: number }
>;
const DEFAULT_QOE = declared['loadtestLens.qoeColorRanges']!.default as Record<
  'vmaf' | 'visqol',
  { min: number; max: number }
>;

describe('QoS colour ranges', () => {
  it('the declared defaults are the notebook ranges (RTT 0–0.5 s, jitter 0–0.1 s, loss 0–10 %)', () => {
    expect(variantsWithRanges(DEFAULT_QOS)).toEqual(QOS_VARIANTS);
    expect(qosVariant('outbound/rtt/video')!.range).toEqual([0, 0.5]);
  });

  it('a jitter range of 10–50 ms moves the ramp: ≤ 10 ms best, ≥ 50 ms worst, 30 ms mid', () => {
    const variants = variantsWithRanges({ ...DEFAULT_QOS, jitterMs: { good: 10, bad: 50 } });
    const jitter = variants.find(v => v.key === 'inbound/jitter/video')!;
    expect(jitter.range).toEqual([0.01, 0.05]);
    expect(qosColor(jitter, 0.005)).toBe('#00008b'); // darkblue
    expect(qosColor(jitter, 0.03)).toBe('#ffff00'); // halfway: yellow
    expect(qosColor(jitter, 0.2)).toBe('#000000');
    // Other metrics keep theirs; bitrate has no setting.
    const bitrate = variants.find(v => v.key === 'inbound/bitrate/video')!;
    expect(bitrate).toEqual(qosVariant('inbound/bitrate/video'));
  });
});

describe('QoE colour ranges', () => {
  it('the declared defaults are the full scales, which colour as the notebook does', () => {
    expect(qoeRanges(DEFAULT_QOE)).toEqual({ vmaf: [0, 100], visqol: [1, 5] });
    expect(qoeRampOf('vmaf', [0, 100])).toEqual([0, 1]);
    expect(qoeRampOf('visqol', [1, 5])).toEqual([0, 1]);
    expect(qoeColor(0.5)).toBe(qoeColor(0.5, [0, 1]));
  });

  it('VMAF 20–80: 20 and below black, 50 yellow, 80 and above darkblue; ticks on the range', () => {
    const ramp = qoeRampOf('vmaf', qoeRanges({ vmaf: { min: 20, max: 80 } }).vmaf);
    expect(ramp).toEqual([0.2, 0.8]);
    expect(qoeColor(0.1, ramp)).toBe('#000000');
    expect(qoeColor(0.5, ramp)).toBe('#ffff00');
    expect(qoeColor(0.9, ramp)).toBe('#00008b');
    expect(rampTicks('vmaf', [20, 80])).toEqual(['20', '35', '50', '65', '80']);
    // ViSQOL MOS 2–4 is stored 0.25–0.75.
    expect(qoeRampOf('visqol', [2, 4])).toEqual([0.25, 0.75]);
  });

  it('an empty or inverted range falls back to the full scale', () => {
    expect(qoeRanges({ vmaf: { min: 80, max: 20 } }).vmaf).toEqual([0, 100]);
  });
});
