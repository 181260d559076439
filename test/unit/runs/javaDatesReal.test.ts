// Real Date.toString() output of JDK 17 (test/fixtures/real/java-dates): each line carries the
// instant Java formatted, so the expected value is Java's, not ours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JavaDateReader, parseJavaDate } from '../../../src/core/runs/javaDate';
import { parseZone } from '../../../src/shared/zone';

const rows = readFileSync(join(__dirname, '../../fixtures/real/java-dates/dates.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map(l => {
    const [zone, epoch, text] = l.split('\t');
    return { zone: zone!, epoch: Number(epoch), text: text! };
  });

/** Abbreviations Java prints for more than one offset (CST: China/Cuba/US Central, CDT: Cuba/US
 * Central, IST: India/Israel/Ireland, BST: British Summer/Bougainville). */
const AMBIGUOUS = new Set(['CST', 'CDT', 'IST', 'BST']);

describe("real Java dates (JDK 17's Date.toString())", () => {
  it('has the 60 lines it was made with', () => expect(rows).toHaveLength(60));

  it('reads every date right in its JVM zone, DST edges included', () => {
    for (const r of rows) {
      const reader = new JavaDateReader('dates.tsv', parseZone(r.zone));
      expect(reader.instant(parseJavaDate(r.text)!), `${r.zone} ${r.text}`).toBe(r.epoch);
      expect(reader.diagnostics(), r.text).toEqual([]);
    }
  });

  it('reads abbreviations with one meaning on their own; ambiguous ones settle nothing', () => {
    for (const r of rows) {
      const date = parseJavaDate(r.text)!;
      const reader = new JavaDateReader('dates.tsv');
      const t = reader.instant(date, 1);
      if (AMBIGUOUS.has(date.zone)) {
        expect(reader.settled, r.text).toBe(false);
        expect(
          reader.diagnostics().map(d => d.code),
          r.text,
        ).toEqual(['results.ambiguousZone']);
      } else {
        expect(t, `${r.zone} ${r.text}`).toBe(r.epoch);
        expect(reader.settled, r.text).toBe(true);
      }
    }
  });
});
