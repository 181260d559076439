// Argument parsing of compare/report and the report page's CSP and data block.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCompareArgs } from '../../../src/cli/compare';
import { parseReportArgs, reportHtml, scriptJson } from '../../../src/cli/report';
import { DEFAULT_CONFIG, METHOD_NOTES } from '../../../src/core/compare';
import type { ReportModel } from '../../../src/shared/reportModel';

describe('compare arguments', () => {
  it('takes two roots, --out, thresholds and an explicit pair', () => {
    const o = parseCompareArgs([
      'a',
      'b',
      '--out',
      'o',
      '--alpha',
      '0.01',
      '--min-effect',
      '0.3',
      '--baseline-test',
      'x',
      '--candidate-test',
      'y',
    ]);
    if (typeof o === 'string') throw new Error(o);
    expect(o.config.alpha).toBe(0.01);
    expect(o.config.minEffect).toBe(0.3);
    expect(o.config.failDelta).toBe(DEFAULT_CONFIG.failDelta);
    expect([o.baselineTest, o.candidateTest]).toEqual(['x', 'y']);
  });
  it('refuses a missing root, a missing --out, a bad number and an unknown option', () => {
    expect(parseCompareArgs(['a', '--out', 'o'])).toMatch(/baseline and a candidate/);
    expect(parseCompareArgs(['a', 'b'])).toMatch(/--out/);
    expect(parseCompareArgs(['a', 'b', '--out', 'o', '--alpha', '2'])).toMatch(
      /--alpha: bad value/,
    );
    expect(parseCompareArgs(['a', 'b', '--out', 'o', '--bogus'])).toMatch(/unknown option --bogus/);
  });
  it('--capacity-drop N sets the relative capacity (compare and report), 5 by default', () => {
    const o = parseCompareArgs(['a', 'b', '--out', 'o', '--capacity-drop', '3']);
    expect(typeof o === 'string' ? o : o.load.capacityDrop).toBe(3);
    const d = parseCompareArgs(['a', 'b', '--out', 'o']);
    expect(typeof d === 'string' ? d : d.load.capacityDrop).toBe(5);
    expect(parseCompareArgs(['a', 'b', '--out', 'o', '--capacity-drop', '-1'])).toMatch(
      /--capacity-drop: bad value/,
    );
    const r = parseReportArgs(['r', '--out', 'x.html', '--capacity-drop', '2.5']);
    expect(typeof r === 'string' ? r : r.capacityDrop).toBe(2.5);
    expect(parseReportArgs(['r', '--out', 'x.html', '--capacity-drop', '101'])).toMatch(
      /--capacity-drop must be/,
    );
  });
  it('report: one root and --out', () => {
    expect(parseReportArgs(['r'])).toMatch(/--out/);
    expect(parseReportArgs(['r', 's', '--out', 'x'])).toMatch(/one result root/);
    const o = parseReportArgs(['r', '--out', 'x.html', '--tests', 'a, b']);
    expect(typeof o === 'string' ? o : o.tests).toEqual(['a', 'b']);
  });
});

describe('report page', () => {
  const model: ReportModel = {
    root: '</script><script>alert(1)</script>',
    capacityVmaf: 80,
    tests: [],
    method: METHOD_NOTES,
  };
  const script = 'console.log("</script>")';
  const style = 'body{color:red}';
  const html = reportHtml(model, script, style);
  const hash = (t: string) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`;

  it('allows exactly the inline script and style by hash, nothing else', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const inlineScript = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(html)?.[1] ?? '';
    expect(inlineScript).toBe('console.log("<\\/script>")');
    expect(csp).toBe(
      `default-src 'none'; script-src ${hash(inlineScript)}; style-src ${hash(style)}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
  });
  it('embeds the model as JSON that cannot close its script element', () => {
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(scriptJson({ a: '<\u2028' })).toBe('{"a":"\\u003c\\u2028"}');
    const block = /id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(block)).toEqual(model);
  });
});
