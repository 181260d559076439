// The same run written by the controller's own report code under thirteen JVM locales and zones
// (test/fixtures/real/report-locales, README there): every locale reads to the values the
// driver was given, and all give the same figures and verdicts — including ar-EG and fa-IR, whose
// JVM prints Arabic-Indic and Persian digits, and th-TH, whose dates are Buddhist-era years.
import { basename } from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReportHtml } from '../../../src/core/runs/reportHtml';
import { parseResultsText } from '../../../src/core/runs/resultsTxt';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';
import { formatOffset, offsetAt, parseZone } from '../../../src/shared/zone';

const ROOT = join(__dirname, '../../fixtures/real/report-locales');
const LOCALES = [
  'en-US',
  'es-ES',
  'de-DE',
  'fr-FR',
  'it-IT',
  'pt-BR',
  'zh-CN',
  'ja-JP',
  'hi-IN',
  'de-CH',
  'th-TH',
  'ar-EG',
  'fa-IR',
];

/** The driver's inputs (README "Chosen values"): base ± d, so min/avg/max = base − d, base, base + d. */
const METRICS: Record<string, readonly (readonly [number, number] | undefined)[]> = {
  participants: [
    [32, 0],
    [1012, 12],
    [32, 0],
  ],
  rooms: [
    [4, 0],
    [64, 0],
    [4, 0],
  ],
  tracks_published: [
    [64, 0],
    [2048, 0],
    [64, 0],
  ],
  tracks_subscribed: [
    [448, 0],
    [30720, 0],
    [448, 0],
  ],
  bandwidth_in: [[12_030_000, 11_230_000], [1_230_000_000, 30_000_000], undefined],
  bandwidth_out: [[84_210_000, 78_610_000], [18_450_000_000, 450_000_000], undefined],
  packets_in: [
    [3656, 56],
    [123456, 1000],
    [3656, 56],
  ],
  packets_out: [
    [25592, 392],
    [1851840, 15000],
    [256, 4],
  ],
  packet_loss: [
    [0.52, 0.1],
    [1.25, 0.5],
    [0.52, 0.1],
  ],
  rtt_p95: [
    [45.5, 10],
    [120.5, 20],
    [45.5, 10],
  ],
  jitter_p95: [
    [12.25, 2],
    [18.75, 3],
    [12.25, 2],
  ],
  quality_score: [
    [4.2, 0.3],
    [3.8, 0.4],
    [4.2, 0.3],
  ],
};

const CASES = [
  { sessions: 4, perSession: '8', participants: 32, workers: 2, seconds: 300 },
  { sessions: 64, perSession: '16', participants: 1024, workers: 52, seconds: 1200 },
  { sessions: 4, perSession: '8', participants: 32, workers: 2, seconds: 300 },
];

/** Worker CPU as `%.1f%%` prints the averages and maxima of the driver's samples. */
const CPU = [
  [
    ['10.0.1.11', 26.8, 33.6],
    ['10.0.1.12', 43.0, 45.5],
    ['All Workers', 33.3, 45.5],
  ],
  [
    ['10.0.1.11', 65.0, 70.0],
    ['10.0.1.12', 77.8, 80.4],
    ['All Workers', 71.4, 80.4],
  ],
  [
    ['10.0.1.11', 12.5, 12.5],
    ['10.0.1.12', 14.5, 14.5],
    ['All Workers', 13.5, 14.5],
  ],
];

function fileOf(locale: string, prefix: string): string {
  const dir = join(ROOT, locale);
  const name = readdirSync(dir).find(n => n.startsWith(prefix));
  if (!name) throw new Error(`${prefix} missing in ${dir}`);
  return join(dir, name);
}

function near(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe.each(LOCALES)('report-locales/%s', locale => {
  const htmlFile = fileOf(locale, 'report-');
  const html = parseReportHtml(readFileSync(htmlFile, 'utf8'), htmlFile);
  const txtFile = fileOf(locale, 'results-');
  const txt = parseResultsText(readFileSync(txtFile, 'utf8'), txtFile);

  it('reads the HTML report without a number diagnostic', () => {
    expect(html.diagnostics.filter(d => d.code.startsWith('number.'))).toEqual([]);
    expect(html.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
    expect(html.scenarios).toHaveLength(3);
  });

  it('reads the summary figures of each test case', () => {
    html.scenarios.forEach((s, i) => {
      const c = CASES[i]!;
      expect([
        s.topology,
        s.participantsPerSession,
        s.sessionsCreated,
        s.sessionsCompleted,
        s.participantsCreated,
        s.workersUsed,
        s.usersPerWorker,
        s.reportedDurationSeconds,
        s.users.length,
      ]).toEqual([
        'N:N',
        c.perSession,
        c.sessions,
        c.sessions,
        c.participants,
        c.workers,
        20,
        c.seconds,
        c.participants,
      ]);
    });
    const retried = html.scenarios.flatMap((s, i) =>
      s.users.filter(u => u.retries > 0).map(u => [i + 1, u.user, u.session, u.retries]),
    );
    expect(retried).toEqual([[1, 'User3', 'LoadTestSession2', 1]]);
  });

  it('reads every platform metric to the values the driver was given', () => {
    html.scenarios.forEach((s, i) => {
      const expected = Object.entries(METRICS).filter(([, v]) => v[i] !== undefined);
      expect(s.platform.map(m => m.name)).toEqual(expected.map(([name]) => name));
      for (const [name, values] of expected) {
        const [base, d] = values[i]!;
        const m = s.platform.find(x => x.name === name)!;
        near(m.min, base - d);
        near(m.avg, base);
        near(m.max, base + d);
      }
    });
  });

  it('reads the worker CPU percentages (%.1f)', () => {
    html.scenarios.forEach((s, i) => {
      const rows = s.workerCpu.map(w => [w.worker, w.avg, w.max]);
      expect(rows.map(r => r[0])).toEqual(CPU[i]!.map(r => r[0]));
      rows.forEach((r, k) => {
        near(r[1] as number, CPU[i]![k]![1] as number);
        near(r[2] as number, CPU[i]![k]![2] as number);
      });
    });
  });

  it('reads the text report: only the last test case survives, with its 32 user starts', () => {
    expect(txt.diagnostics.filter(d => d.code.startsWith('number.'))).toEqual([]);
    expect(txt.scenarios).toHaveLength(1);
    const [s] = txt.scenarios;
    expect([
      s!.sessionsCreated,
      s!.participantsCreated,
      s!.workersUsed,
      s!.userStarts.length,
    ]).toEqual([4, 32, 2, 32]);
  });
});

/** Drops what depends on the folder, the file names and the zone (wall-clock instants). */
function zoneFree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(zoneFree);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (['folder', 'id', 'files', 'file', 'diagnostics', 'links', 'htmlZone', 'name'].includes(k))
        continue;
      out[k] = zoneFree(v);
    }
    return out;
  }
  if (typeof value === 'number' && value > 1e12) return 'instant';
  if (typeof value === 'string')
    return value.replace(/\d{4}-\d\d-\d\d[ T_]\d\d[:-]\d\d(?:[:-]\d\d)?[^\s'"]*/g, 'instant');
  return value;
}

describe('every locale gives the same run', () => {
  it('same figures, checks and verdicts as en-US; test case 3 is invalid everywhere', async () => {
    const summaries = [];
    for (const locale of LOCALES) {
      const [files] = await listRuns(join(ROOT, locale));
      const run = await loadRun(files!);
      expect(run.diagnostics.filter(d => d.code.startsWith('number.'))).toEqual([]);
      summaries.push({ locale, summary: summarizeRun(run) });
    }
    const [en] = summaries;
    expect(en!.summary.scenarios.map(s => s.validity.verdict)).toEqual([
      'valid',
      'valid',
      'invalid',
    ]);
    expect(
      en!.summary.scenarios.map(s => s.validity.checks.find(c => c.cls === 'noForwarding')?.status),
    ).toEqual(['pass', 'pass', 'invalid']);
    // 256 / 3656 = 0.07 out/in against 448 / 64 = 7 tracks subscribed per published.
    expect(
      en!.summary.scenarios[2]!.validity.checks.find(c => c.cls === 'noForwarding')!.summary,
    ).toContain('out/in 0.07× against the 7.00× fan-out');
    for (const { locale, summary } of summaries.slice(1)) {
      expect({ locale, run: zoneFree(summary) }).toEqual({ locale, run: zoneFree(en!.summary) });
    }
  });
});

/** Minutes east of UTC on 2026-07-01 (summer time where there is one). */
const OFFSETS: Record<string, number> = {
  'en-US': 0,
  'es-ES': 120,
  'de-DE': 120,
  'fr-FR': 120,
  'it-IT': 120,
  'ja-JP': 540,
  'pt-BR': -180,
  'zh-CN': 480,
  'hi-IN': 330,
  'de-CH': 120,
  'th-TH': 420,
  'ar-EG': 180, // Egypt's summer time again from 2023
  'fa-IR': 210, // Iran without summer time from 2022
};
/** Zones the text report names by an abbreviation with several meanings in Java (CST, IST). */
const AMBIGUOUS = new Set(['zh-CN', 'hi-IN']);
/** The JVM zones of the fixtures (README), as a user would give them. */
const IANA: Record<string, string> = { 'zh-CN': 'Asia/Shanghai', 'hi-IN': 'Asia/Kolkata' };
/** Test case starts, from the driver: 10:00:00, 10:05:20, 10:25:40 UTC. */
const STARTS = [0, 320_000, 1_540_000].map(ms => Date.UTC(2026, 6, 1, 10) + ms);

/** Drops only what depends on the folder and the file names: instants and links stay. */
function pathFree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pathFree);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (['folder', 'id', 'files', 'file', 'diagnostics', 'htmlZone', 'name'].includes(k))
        continue;
      out[k] = pathFree(v);
    }
    return out;
  }
  return value;
}

describe('every locale and zone gives the same run, instants included', () => {
  it('once the zone of CST and IST is given (Asia/Shanghai, Asia/Kolkata)', async () => {
    const summaries = [];
    for (const locale of LOCALES) {
      const [files] = await listRuns(join(ROOT, locale));
      const zone = IANA[locale] === undefined ? undefined : parseZone(IANA[locale]!);
      const run = await loadRun(files!, zone ? { zone } : {});
      summaries.push({ locale, run: pathFree(summarizeRun(run)) });
    }
    const [en] = summaries;
    for (const { locale, run } of summaries.slice(1)) {
      expect({ locale, run }).toEqual({ locale, run: en!.run });
    }
  });
});

describe('the text report joins the HTML test case it belongs to', () => {
  it.each(LOCALES.filter(l => !AMBIGUOUS.has(l)))(
    '%s: its only block is test case 3 (same Kibana URL), and the zone comes out right',
    async locale => {
      const [files] = await listRuns(join(ROOT, locale));
      const run = await loadRun(files!);
      expect(run.scenarios.map(s => s.report.userStarts.length)).toEqual([0, 0, 32]);
      expect([offsetAt(run.htmlZone, STARTS[0]!), run.htmlOffsetFrom]).toEqual([
        OFFSETS[locale],
        'text report',
      ]);
      expect(run.scenarios.map(s => s.report.start)).toEqual(STARTS);
    },
  );
  it.each([...AMBIGUOUS])(
    '%s: the ambiguous abbreviation settles nothing; the zone given (IANA or offset) does',
    async locale => {
      const [files] = await listRuns(join(ROOT, locale));
      const unsettled = await loadRun(files!);
      expect(unsettled.htmlOffsetFrom).toBe('default (UTC)');
      expect(unsettled.diagnostics.map(d => d.code)).toContain('results.ambiguousZone');
      expect(unsettled.scenarios.map(s => s.report.start)).not.toEqual(STARTS);
      for (const given of [IANA[locale]!, formatOffset(OFFSETS[locale]!)]) {
        const run = await loadRun(files!, { zone: parseZone(given)! });
        expect([offsetAt(run.htmlZone, STARTS[0]!), run.htmlOffsetFrom]).toEqual([
          OFFSETS[locale],
          'setting',
        ]);
        expect(run.scenarios.map(s => s.report.start)).toEqual(STARTS);
        expect(run.scenarios.map(s => s.report.userStarts.length)).toEqual([0, 0, 32]);
      }
    },
  );
});

describe('what the JVM locale printed besides separators', () => {
  it('ar-EG and fa-IR: digits of their script read as 0–9, said once per file', () => {
    for (const locale of ['ar-EG', 'fa-IR']) {
      const htmlFile = fileOf(locale, 'report-');
      const text = readFileSync(htmlFile, 'utf8');
      // the fixture really is in that script: ١٢٫٠٣ (ar) or ۱۲٫۰۳ (fa) for 12.03 Mbps
      expect(text).toContain(
        locale === 'ar-EG'
          ? '\u0661\u0662\u066b\u0660\u0663 Mbps'
          : '\u06f1\u06f2\u066b\u06f0\u06f3 Mbps',
      );
      const html = parseReportHtml(text, htmlFile);
      expect(html.diagnostics.filter(d => d.code === 'report.nativeDigits')).toHaveLength(1);
      // "Generated" is the run's start, 10:00:00Z, on the JVM's wall clock (read as UTC)
      const wall = locale === 'ar-EG' ? Date.UTC(2026, 6, 1, 13, 0) : Date.UTC(2026, 6, 1, 13, 30);
      expect(html.scenarios[0]!.start).toBe(wall);
      expect(html.scenarios[1]!.platform.find(m => m.name === 'packets_out')!.avg).toBe(1_851_840);
    }
  });

  it('th-TH: the report says 2569 (Buddhist era) and is read as 2026, said once per file', async () => {
    const htmlFile = fileOf('th-TH', 'report-');
    expect(basename(htmlFile)).toBe('report-2569-07-01_17-00-00.html');
    const text = readFileSync(htmlFile, 'utf8');
    expect(text).toContain('2569-07-01 17:00:02');
    const html = parseReportHtml(text, htmlFile);
    expect(html.diagnostics.filter(d => d.code === 'report.buddhistEra')).toHaveLength(1);
    // User1 of LoadTestSession1 joins at start + 2 s: 17:00:02 at +07:00 (wall clock read as UTC)
    expect(
      html.scenarios[0]!.users.find(u => u.user === 'User1' && u.session === 'LoadTestSession1')!
        .join,
    ).toBe(Date.UTC(2026, 6, 1, 17, 0, 2));
  });

  it('dates of two reports that no zone can reconcile are a warning, not a zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-datesdisagree-'));
    for (const name of readdirSync(join(ROOT, 'en-US'))) {
      const text = readFileSync(join(ROOT, 'en-US', name), 'utf8');
      // the report's dates two days late: what a misread calendar would give
      writeFileSync(
        join(dir, name),
        name.startsWith('report-') ? text.replaceAll('2026-07-01 ', '2026-07-03 ') : text,
      );
    }
    const [files] = await listRuns(dir);
    const run = await loadRun(files!);
    expect(run.htmlOffsetFrom).toBe('default (UTC)');
    const warning = run.diagnostics.find(d => d.code === 'report.datesDisagree');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('48 h ahead');
  });
});
