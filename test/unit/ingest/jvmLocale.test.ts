// What a JVM locale prints besides separators (src/core/ingest/jvmLocale.ts). The expected texts
// are what an en-US, Gregorian JVM prints for the same values (Java's String.format and
// SimpleDateFormat), written by hand from the Unicode code charts.
import { describe, expect, it } from 'vitest';
import { latinText } from '../../../src/core/ingest/jvmLocale';

const codes = (t: ReturnType<typeof latinText>) => t.diagnostics.map(d => d.code);

describe('latinText', () => {
  it('leaves an en-US, Gregorian text alone and says nothing', () => {
    const text = 'Generated 2026-07-01 10:00:00 · 3,656 pkts/s · 12.03 Mbps';
    expect(latinText(text, 'r.html')).toEqual({ text, diagnostics: [] });
  });

  it('reads Arabic-Indic digits (U+0660…) and the Arabic decimal and group marks', () => {
    // ar-EG: 12.03 Mbps, 3,656 pkts/s, 26.8%, 2026-07-01 13:00:00
    const t = latinText(
      '\u0661\u0662\u066b\u0660\u0663 Mbps \u0663\u066c\u0666\u0665\u0666 pkts/s \u0662\u0666\u066b\u0668% \u0662\u0660\u0662\u0666-\u0660\u0667-\u0660\u0661 \u0661\u0663:\u0660\u0660:\u0660\u0660',
      'r.html',
    );
    expect(t.text).toBe('12.03 Mbps 3,656 pkts/s 26.8% 2026-07-01 13:00:00');
    expect(codes(t)).toEqual(['report.nativeDigits']);
    expect(t.diagnostics[0]!.message).toContain('"\u0661" is 1');
  });

  it('reads Persian digits (U+06F0…), Devanagari (U+0966…) and a run that follows another', () => {
    expect(latinText('\u06f1\u06f8\u066c\u06f4\u06f5\u06f0', 'f').text).toBe('18,450');
    expect(latinText('\u0968\u0966\u0968\u096c', 'f').text).toBe('2026');
    // mathematical sans-serif digits U+1D7E2… come right after the double-struck U+1D7D8…
    expect(latinText('\u{1d7e2}\u{1d7e3}\u{1d7eb}', 'f').text).toBe('019');
  });

  it('drops the direction mark of the Arabic minus sign', () => {
    expect(latinText('\u061c-\u0660\u066b\u0665\u0662', 'f').text).toBe('-0.52');
  });

  it('takes 543 years off Buddhist-era dates (th-TH), in dates, stamps and ISO times', () => {
    const t = latinText(
      'report-2569-07-01_17-00-00.html 2569-07-01 17:00:02 from:2569-07-01T10:00:00Z',
      'r.html',
    );
    expect(t.text).toBe(
      'report-2026-07-01_17-00-00.html 2026-07-01 17:00:02 from:2026-07-01T10:00:00Z',
    );
    expect(codes(t)).toEqual(['report.buddhistEra']);
    expect(t.diagnostics[0]!.message).toContain('2569 is read as 2026');
  });

  it('th-TH-TH (Thai digits and the Buddhist era, as Java 17 prints them): both undone', () => {
    // Java: -Duser.language=th -Duser.country=TH -Duser.variant=TH prints 2026-07-01 10:00:00 so
    const t = latinText(
      '\u0e52\u0e55\u0e56\u0e59-\u0e50\u0e57-\u0e50\u0e51 \u0e51\u0e50:\u0e50\u0e50:\u0e50\u0e50',
      'r.html',
    );
    expect(t.text).toBe('2026-07-01 10:00:00');
    expect(codes(t)).toEqual(['report.nativeDigits', 'report.buddhistEra']);
  });

  it('changes no year when one date of the file is a Gregorian one', () => {
    const text = '2569-07-01 17:00:02 and 2026-07-01 10:00:00';
    expect(latinText(text, 'f')).toEqual({ text, diagnostics: [] });
  });

  it('reads "?" or U+FFFD between digits, before three more, as a lost thousands separator', () => {
    const t = latinText('x\n3?656 pkts/s 1?851?840 pkts/s 18\ufffd450 tracks', 'r.html');
    expect(t.text).toBe('x\n3\u202f656 pkts/s 1\u202f851\u202f840 pkts/s 18\u202f450 tracks');
    expect(codes(t)).toEqual(['report.lostSeparator']);
    expect(t.diagnostics[0]!.severity).toBe('warning');
    expect(t.diagnostics[0]!.line).toBe(2);
    expect(t.diagnostics[0]!.message).toMatch(/^4 number/);
  });

  it('leaves a "?" that is not between a digit and exactly three digits', () => {
    const text = 'dashboard?_g=1 a?123 12?34 3?6567 /d/1?1234';
    expect(latinText(text, 'f')).toEqual({ text, diagnostics: [] });
  });

  it('keeps every line where it was (line numbers of later diagnostics hold)', () => {
    const text = '\u0661\n\u0662\r\n2569-01-01 00:00:00\n';
    const out = latinText(text, 'f').text;
    expect(out.split(/\r?\n/)).toEqual(['1', '2', '2026-01-01 00:00:00', '']);
  });
});
