// Controller logs of a JVM whose locale stamps lines in other digits or years (logback 1.2's
// SimpleDateFormat, 2021 → 2026-02): test/fixtures/real/controller-logs/locales/, made from
// 2024.log by scripts/fixtures/controller-log-locales (Java's own SimpleDateFormat). Each must
// read exactly as 2024.log does, with one note saying what was assumed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readControllerLog, type ControllerLog } from '../../../src/core/ingest/controllerLog';

const LOGS = join(__dirname, '../../fixtures/real/controller-logs');

/** What a log says, without where it was read from and its notes. */
function reading(log: ControllerLog): unknown {
  const { diagnostics: _d, bytes: _b, ...rest } = log;
  return JSON.parse(JSON.stringify(rest, (k, v: unknown) => (k === 'offset' ? undefined : v)));
}

const NOTE: Record<string, string> = {
  'th-TH': 'log.buddhistEra',
  'ar-EG': 'log.nativeDigits',
  'fa-IR': 'log.nativeDigits',
};

describe.each(Object.keys(NOTE))('controller-logs/locales/%s.log', locale => {
  const file = join(LOGS, 'locales', `${locale}.log`);

  it('is really stamped the way that locale stamps (not our guess)', () => {
    const first = readFileSync(file, 'utf8').slice(0, 23);
    const expected: Record<string, string> = {
      'th-TH': '2567-06-20 12:15:00.000',
      'ar-EG':
        '\u0662\u0660\u0662\u0664-\u0660\u0666-\u0662\u0660 \u0661\u0662:\u0661\u0665:\u0660\u0660.\u0660\u0660\u0660',
      'fa-IR':
        '\u06f2\u06f0\u06f2\u06f4-\u06f0\u06f6-\u06f2\u06f0 \u06f1\u06f2:\u06f1\u06f5:\u06f0\u06f0.\u06f0\u06f0\u06f0',
    };
    expect(first).toBe(expected[locale]);
  });

  it('reads as 2024.log does: start, end, failures, users, sessions, exceptions', async () => {
    const [plain, local] = await Promise.all([
      readControllerLog(join(LOGS, '2024.log')),
      readControllerLog(file),
    ]);
    expect(reading(local)).toEqual(reading(plain));
    // 2024.log starts at 2024-06-20 12:15:00.000 (its first line), read as UTC
    expect(local.start?.wallClock).toBe(Date.UTC(2024, 5, 20, 12, 15, 0));
    expect(local.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
    const notes = local.diagnostics.filter(d => d.code === NOTE[locale]);
    expect(notes.map(d => d.line)).toEqual([1]);
  });

  it('reads the same behind a docker compose prefix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-loglocale-'));
    const composed = join(dir, 'compose.log');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      composed,
      text
        .split('\n')
        .map(l => (l === '' ? l : `loadtest-controller  | ${l}`))
        .join('\n'),
    );
    const [local, viaCompose] = await Promise.all([
      readControllerLog(file),
      readControllerLog(composed),
    ]);
    expect(reading(viaCompose)).toEqual(reading(local));
    expect(viaCompose.diagnostics.map(d => d.code)).toContain(NOTE[locale]);
  });
});
