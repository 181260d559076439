// The report's HTML reader against a real browser's parser, and on pages built to hurt it
// (thousands of nested tags, tens of thousands of <script> elements).
// htmlCases.json: small inputs with what Chromium 156's own parser gives for each (regenerate with
// `node test/unit/runs/htmlCases.chromium.mjs`); the probes below read our tree the same way.
import { describe, expect, it } from 'vitest';
import {
  attr,
  cells,
  findAll,
  findFirst,
  lineOf,
  parseHtml,
  tableRows,
  textOf,
  type HtmlNode,
} from '../../../src/core/runs/htmlDom';
import { parseReportHtml } from '../../../src/core/runs/reportHtml';
import CASES from './htmlCases.json';

interface Reading {
  text: string;
  tables: string[][][];
  titles: string[];
  hrefs: string[];
  selected?: string[];
}

function read(html: string, select?: string): Reading {
  const doc = parseHtml(`<!DOCTYPE html>${html}`);
  const all = findAll(doc, () => true);
  const withAttr = (name: string): string[] =>
    all.map(e => attr(e, name)).filter((v): v is string => v !== undefined);
  const reading: Reading = {
    text: textOf(doc),
    tables: all
      .filter(e => e.tagName === 'table')
      .map(t => tableRows(t).map(r => cells(r).map(textOf))),
    titles: withAttr('title'),
    hrefs: withAttr('href'),
  };
  if (select) reading.selected = all.filter(e => e.tagName === select).map(textOf);
  return reading;
}

describe('HTML reading matches a browser', () => {
  it('has at least 20 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(20));
  it.each(CASES)('$name', ({ html, select, expected }) => {
    expect(read(html, select)).toEqual(expected);
  });
});

describe('HTML reading of malformed report pieces', () => {
  it('reads rows and cells of a table with unclosed cells, stray end tags and comments', () => {
    const doc = parseHtml(
      '<table><!-- x <tr> --><tr><td>a<td>b &amp; c</tr></span><tr><td>1 < 2</td><td title="x>y">d</td></tr></table>',
    );
    const [table] = findAll(doc, e => e.tagName === 'table');
    expect(tableRows(table!).map(r => cells(r).map(textOf))).toEqual([
      ['a', 'b & c'],
      ['1 < 2', 'd'],
    ]);
    expect(attr(findAll(doc, e => e.tagName === 'td')[3]!, 'title')).toBe('x>y');
  });
  it('skips script and style bodies, keeps start-tag lines, and survives a cut document', () => {
    const doc = parseHtml(
      '<html>\n<script>if (a < b) { x = "<td>" }</script>\n<style>td{}</style>\n<div class="a b" id=z>t\n<p>cut',
    );
    expect(findAll(doc, e => e.tagName === 'td')).toEqual([]);
    const div = findFirst(doc, e => e.tagName === 'div')!;
    expect(lineOf(div)).toBe(4);
    expect([attr(div, 'class'), attr(div, 'id')]).toEqual(['a b', 'z']);
    expect(textOf(div)).toBe('t cut');
  });
  it('gives an implied row the line of its first cell', () => {
    const doc = parseHtml('<table>\n\n<td>x</td></table>');
    expect(lineOf(findFirst(doc, e => e.tagName === 'tr')!)).toBe(3);
  });
});

/** A one-test-case report: Summary (1,024 sessions), one worker CPU row, one user. */
function report(before = '', after = ''): string {
  return `<!DOCTYPE html><html><head><title>OpenVidu Load Test Report</title></head><body>
${before}<div class="tab-content" id="tab-tc-1">
<div class="section"><div class="section-title">Summary</div>
<!--><table><tr><td>Sessions Created</td><td title=it's>1,024</td></tr></table></div>
<div class="section"><div class="section-title">Worker CPU Utilization</div>
<table><tr><th>Worker</th><th>Avg</th><th>Max</th></tr>
<tr><td>w1 &ndash; 10&deg;</td><td><span class="cpu-text">41<span>.5</span>%</span></td><td>97.0%</td></tr>
<tr><td>broken</td><td>n/a</td><td>n/a</td></tr></table></div>
<div class="section"><div class="section-title">User Connections</div>
<table><tr class="user-row"><td>User1</td><td>S1</td><td>PUBLISHER</td><td>2026-03-20 12:53:20</td><td>0</td></tr></table></div>
</div>${after}</body></html>`;
}

function summaryOf(html: string): unknown {
  const { scenarios, diagnostics } = parseReportHtml(html, '/r/report.html');
  const s = scenarios[0];
  return {
    sessions: s?.sessionsCreated,
    cpu: s?.workerCpu.map(w => [w.worker, w.avg, w.max]),
    users: s?.users.map(u => u.user),
    badCpuLines: diagnostics.filter(d => d.code === 'report.badCpu').map(d => d.line),
  };
}

function elementCount(node: HtmlNode): number {
  let visits = 0;
  findAll(node, () => {
    visits++;
    return false;
  });
  return visits;
}

describe('report pages built to hurt the reader', () => {
  // The plain page: Summary's table survives the `<!-->` comment and the unquoted title, the
  // inline span and the entities read as in a browser; the broken row is on line 8.
  const plain = {
    sessions: 1024,
    cpu: [['w1 – 10°', 41.5, 97]],
    users: ['User1'],
    badCpuLines: [8],
  };
  it('reads the plain page', () => expect(summaryOf(report())).toEqual(plain));

  it('reads a page nested 5,000 tags deep (closed or never closed), and walks it without recursion', () => {
    const open = '<div>'.repeat(5000);
    expect(summaryOf(report(`${open}\n`, '</div>'.repeat(5000)))).toEqual({
      ...plain,
      badCpuLines: [9],
    });
    expect(summaryOf(report(`${open}\n`))).toEqual({ ...plain, badCpuLines: [9] });
    const deep = parseHtml(`${'<span>'.repeat(20_000)}x${'<b>y</b>'}`);
    expect(textOf(deep)).toBe('xy');
    expect(lineOf(findFirst(deep, e => e.tagName === 'b')!)).toBe(1);
    // html, head, body, 20,000 spans and b: each visited once
    expect(elementCount(deep)).toBe(20_004);
  });

  it('reads a page with 50,000 <script> elements holding markup, in work linear in their number', () => {
    const scripts = (n: number): string =>
      '<script>if (a < b) x = "</td><tr><td>";</script>\n'.repeat(n);
    expect(summaryOf(report(scripts(50_000)))).toEqual({ ...plain, badCpuLines: [50_008] });
    // Walking the parsed page visits each element once: 45,000 more scripts, 45,000 more visits.
    const small = elementCount(parseHtml(report(scripts(5_000))));
    const large = elementCount(parseHtml(report(scripts(50_000))));
    expect(large - small).toBe(45_000);
    expect(textOf(parseHtml(scripts(50_000)))).toBe('');
  });
});
