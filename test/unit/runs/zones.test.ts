// Zones of today's run folders: Java's zone abbreviations (results-<ts>.txt) settle the zone only
// when Java prints them for one offset; the user's zone (--html-tz, reportTimezone) wins. Instants
// are worked out by hand (CST in China is +08:00, IST in India +05:30, CEST +02:00); the run-level
// ones come from the generator's plan (its known input values).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { parseJavaDate, readZoneToken } from '../../../src/core/runs/javaDate';
import { parseResultsText } from '../../../src/core/runs/resultsTxt';
import { summarizeRun } from '../../../src/core/runs/summary';
import { parseZone } from '../../../src/shared/zone';
import { generatedRun } from './runs';

const FILE = '/runs/results-2024-06-20-18-15-00.txt';

/** A one-test-case text report whose dates are written in the zone `zone`. */
function report(zone: string, time = '18:15:00', join = '18:15:05'): string {
  return [
    ` ----- Test Case Report Thu Jun 20 ${time} ${zone} 2024 ----- `,
    'Session topology: N:N',
    'Participants per session: 2',
    'Number of sessions created: 1',
    'User start times:',
    `Thu Jun 20 ${join} ${zone} 2024 | LoadTestSession1 | User1`,
    '-------------------------------------',
  ].join('\n');
}

function read(zone: string, given?: string, time?: string, join?: string) {
  const r = parseResultsText(report(zone, time, join), FILE, given ? parseZone(given) : undefined);
  const zoneNotes = r.diagnostics.filter(d => /Zone$/.test(d.code) || d.code.includes('zone'));
  return { r, s: r.scenarios[0]!, zoneNotes };
}

describe("Java's zone abbreviations", () => {
  it('knows which abbreviations Java prints for several offsets', () => {
    const offsets = (abbr: string) => {
      const r = readZoneToken(abbr);
      return r.kind === 'ambiguous' ? r.candidates.map(c => c[0]) : r;
    };
    expect(offsets('CST')).toEqual([480, -300, -360]); // China, Cuba, US Central
    expect(offsets('IST')).toEqual([330, 120, 60]); // India, Israel, Ireland (summer)
    expect(offsets('BST')).toEqual([660, 60]); // Bougainville, British Summer
    expect(readZoneToken('CEST')).toEqual({ kind: 'offset', offsetMinutes: 120 });
    expect(readZoneToken('JST')).toEqual({ kind: 'offset', offsetMinutes: 540 });
    expect(readZoneToken('GMT+08:00')).toEqual({ kind: 'offset', offsetMinutes: 480 });
    expect(readZoneToken('XYZT')).toEqual({ kind: 'unknown' });
    expect(readZoneToken('constructor')).toEqual({ kind: 'unknown' });
    expect(parseJavaDate('Thu Jun 20 18:15:00 CST 2024')?.wallMs).toBe(
      Date.UTC(2024, 5, 20, 18, 15),
    );
  });
});

describe('results-<ts>.txt dates', () => {
  it('CST without a zone given: read as UTC, said with the candidates, nothing settled', () => {
    const { r, s, zoneNotes } = read('CST');
    expect(s.start).toBe(Date.UTC(2024, 5, 20, 18, 15, 0));
    expect(r.zoneSettled).toBe(false);
    expect(r.openZones).toEqual(['CST']);
    expect(zoneNotes).toHaveLength(1);
    const d = zoneNotes[0]!;
    expect([d.code, d.severity, d.file, d.line]).toEqual([
      'results.ambiguousZone',
      'warning',
      FILE,
      1,
    ]);
    for (const part of ['+08:00', '-05:00', '-06:00', 'Asia/Shanghai', 'America/Havana'])
      expect(d.message).toContain(part);
    expect(d.message).toMatch(/2 dates written in it are read as UTC/);
  });

  it('CST with +08:00 or Asia/Shanghai given: 18:15 CST is 10:15Z, no warning', () => {
    for (const given of ['+08:00', 'Asia/Shanghai']) {
      const { r, s, zoneNotes } = read('CST', given);
      expect(s.start, given).toBe(Date.UTC(2024, 5, 20, 10, 15, 0));
      expect(s.userStarts[0]!.t, given).toBe(Date.UTC(2024, 5, 20, 10, 15, 5));
      expect(zoneNotes, given).toEqual([]);
      expect(r.zoneSettled).toBe(true);
    }
    // US Central in June is CDT (−05:00) for Java; a user who says Chicago gets 23:15Z.
    expect(read('CST', 'America/Chicago').s.start).toBe(Date.UTC(2024, 5, 20, 23, 15, 0));
  });

  it('IST: ambiguous alone, 12:15 IST in Asia/Kolkata is 06:45Z', () => {
    const alone = read('IST', undefined, '12:15:00', '12:15:05');
    expect(alone.zoneNotes.map(d => d.code)).toEqual(['results.ambiguousZone']);
    for (const part of ['+05:30', '+02:00', '+01:00'])
      expect(alone.zoneNotes[0]!.message).toContain(part);
    const india = read('IST', 'Asia/Kolkata', '12:15:00', '12:15:05');
    expect(india.s.start).toBe(Date.UTC(2024, 5, 20, 6, 45, 0));
    expect(read('IST', '+05:30', '12:15:00').s.start).toBe(Date.UTC(2024, 5, 20, 6, 45, 0));
  });

  it('an unknown abbreviation is flagged and settles nothing; a given zone reads it', () => {
    const { r, s, zoneNotes } = read('XYZT');
    expect(zoneNotes.map(d => [d.code, d.line])).toEqual([['results.unknownZone', 1]]);
    expect(zoneNotes[0]!.message).toMatch(/read as UTC.*--html-tz/);
    expect(r.zoneSettled).toBe(false);
    expect(s.start).toBe(Date.UTC(2024, 5, 20, 18, 15, 0));
    expect(read('XYZT', '-03:00').s.start).toBe(Date.UTC(2024, 5, 20, 21, 15, 0));
  });

  it('an abbreviation with one meaning settles the zone; a given zone still wins, with a warning', () => {
    const cest = read('CEST');
    expect(cest.s.start).toBe(Date.UTC(2024, 5, 20, 16, 15, 0));
    expect(cest.r.zoneSettled).toBe(true);
    expect(cest.zoneNotes).toEqual([]);
    const against = read('CEST', 'Asia/Shanghai');
    expect(against.s.start).toBe(Date.UTC(2024, 5, 20, 10, 15, 0));
    expect(against.zoneNotes.map(d => d.code)).toEqual(['results.zoneConflict']);
    expect(against.zoneNotes[0]!.message).toMatch(/"CEST" means \+02:00.*Asia\/Shanghai.*2 dates/);
    // Madrid is CEST in June: no contradiction.
    expect(read('CEST', 'Europe/Madrid').zoneNotes).toEqual([]);
  });
});

describe('the run zone (HTML report + results-<ts>.txt + flag)', () => {
  const cst = { zone: { abbr: 'CST', offsetMinutes: 480 } };
  const iso = (t: number) => new Date(t).toISOString();

  it('CST alone does not settle the HTML dates: UTC is assumed and said', async () => {
    const { run, truth } = await generatedRun(cst);
    expect(run.htmlOffsetFrom).toBe('default (UTC)');
    expect(run.htmlZoneWhy).toMatch(/"CST", which does not settle it/);
    const codes = run.diagnostics.map(d => d.code);
    expect(codes).toContain('results.ambiguousZone');
    expect(codes).toContain('report.zoneAssumed');
    // The report's 18:00 CST wall clock read as UTC is 8 h late.
    expect(run.scenarios[0]!.report.users[0]!.join).toBe(
      truth.scenarios[0]!.firstJoin + 8 * 3_600_000,
    );
  });

  it('--html-tz +08:00 or Asia/Shanghai wins: joins and the Kibana true window at the right instants', async () => {
    for (const given of ['+08:00', 'Asia/Shanghai']) {
      const { run, truth } = await generatedRun(cst, { zone: parseZone(given) });
      const t = truth.scenarios[0]!;
      expect(run.htmlOffsetFrom, given).toBe('setting');
      expect(run.diagnostics.map(d => d.code)).not.toContain('results.ambiguousZone');
      expect(run.scenarios[0]!.report.users[0]!.join).toBe(t.firstJoin);
      expect(run.scenarios[0]!.windowStart).toBe(t.start);
      const summary = summarizeRun(run);
      expect(summary.htmlZone).toMatchObject({ zone: given, offsetMinutes: 480, from: 'setting' });
      expect(summary.scenarios[0]!.links.kibanaTrue).toContain(`time:(from:'${iso(t.firstJoin)}'`);
    }
  });
});

describe('the run zone of a text report and a 2024 log (local times, no offset)', () => {
  /** results-<ts>.txt in CST and a log whose WARN line is at 18:16:00 local time. */
  function folder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-zones-'));
    writeFileSync(join(dir, 'results-2024-06-20-18-15-00.txt'), report('CST'));
    mkdirSync(join(dir, 'logs'));
    writeFileSync(
      join(dir, 'logs', 'controller.log'),
      '2024-06-20 18:16:00.000  WARN 1 --- [main] i.o.l.s.BrowserEmulatorClient : Request timeout\n',
    );
    return dir;
  }

  it('without a zone: the log is read as UTC and a note says so', async () => {
    const run = await loadRun((await listRuns(folder()))[0]!);
    const warn = run.scenarios[0]!.log.find(r => r.level === 'WARN')!;
    expect(warn.t).toBe(Date.UTC(2024, 5, 20, 18, 16));
    const note = run.diagnostics.find(d => d.code === 'log.zoneAssumed')!;
    expect([note.file.endsWith('controller.log'), note.line]).toEqual([true, 1]);
  });

  it('with Asia/Shanghai: 18:16 local is 10:16Z, no note', async () => {
    const run = await loadRun((await listRuns(folder()))[0]!, {
      zone: parseZone('Asia/Shanghai'),
    });
    const warn = run.scenarios[0]!.log.find(r => r.level === 'WARN')!;
    expect(warn.t).toBe(Date.UTC(2024, 5, 20, 10, 16));
    expect(run.diagnostics.map(d => d.code)).not.toContain('log.zoneAssumed');
  });
});
