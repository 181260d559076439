// QoS colours and units, worked out by hand from the notebook's draw_cons_plot_qos ramps.
import { describe, expect, it } from 'vitest';
import { qosColor, qosDisplay, qosText, qosTicks } from '../../../src/webview/swimlane/colors';
import { qosVariant } from '../../../src/core/viewmodel/swimlaneQos';

const rtt = qosVariant('outbound/rtt/video')!;
const jitter = qosVariant('inbound/jitter/video')!;
const bitrate = qosVariant('inbound/bitrate/video')!;
const audioBitrate = qosVariant('outbound/bitrate/audio')!;
const loss = qosVariant('inbound/loss/video')!;

describe('QoS colours on the notebook ramps', () => {
  it('low-good metrics run darkblue → green → yellow → orange → black over their range', () => {
    expect(qosColor(rtt, 0)).toBe('#00008b');
    expect(qosColor(rtt, 0.25)).toBe('#ffff00'); // the middle of 0–0.5 s
    expect(qosColor(rtt, 0.5)).toBe('#000000');
    expect(qosColor(rtt, 3)).toBe('#000000'); // clipped
    // 12.5 ms of 0–100 ms: halfway from darkblue (0,0,139) to green (0,128,0) → (0, 64, 69.5).
    expect(qosColor(jitter, 0.0125)).toBe('#004046');
  });

  it('bitrate runs black → … → darkblue (high is good)', () => {
    expect(qosColor(bitrate, 0)).toBe('#000000');
    expect(qosColor(bitrate, 375_000)).toBe('#ffa500'); // a quarter of 1.5 Mbit/s: orange
    expect(qosColor(bitrate, 1_500_000)).toBe('#00008b');
    expect(qosColor(audioBitrate, 32_000)).toBe('#ffff00'); // half of 64 kbit/s
  });

  it('shows missing values grey', () => {
    expect(qosColor(rtt, NaN)).toBe('#808080');
    expect(qosColor(rtt, undefined)).toBe('#808080');
  });

  it('writes values in ms, kbit/s and %', () => {
    expect(qosDisplay(jitter, 0.0125)).toBeCloseTo(12.5, 12);
    expect(qosText(jitter, 0.0125)).toBe('Jitter 12.5 ms');
    expect(qosText(audioBitrate, 64_000)).toBe('Bitrate 64.0 kbit/s');
    expect(qosText(loss, 0.05)).toBe('Packet loss 5.00 %');
    expect(qosText(rtt, NaN)).toBe('RTT n/a');
    expect(qosTicks(rtt)).toEqual(['0', '125', '250', '375', '500']);
    expect(qosTicks(bitrate)).toEqual(['0', '375', '750', '1125', '1500']);
    expect(qosTicks(loss)).toEqual(['0', '2.5', '5', '7.5', '10']);
  });
});
