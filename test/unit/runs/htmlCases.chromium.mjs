#!/usr/bin/env node
// Regenerates the `expected` readings of test/unit/runs/htmlCases.json from a real browser:
// each case is parsed by Chromium's own HTML parser (DOMParser, as `<!DOCTYPE html>` + html) and
// read with the same probes the test applies to our reader (text content without script, style
// and svg, whitespace collapsed; every table's rows and cells; title and href attributes; the
// elements named by `select`). Run: node test/unit/runs/htmlCases.chromium.mjs [chromium binary]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';

const file = new URL('./htmlCases.json', import.meta.url);
const cases = JSON.parse(readFileSync(file, 'utf8')).map(({ name, html, select }) => ({
  name,
  html,
  ...(select ? { select } : {}),
}));

/* global CASES, DOMParser, document -- probePage runs in the browser page */
function probePage() {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'svg']);
  const textOf = node => {
    const parts = [];
    const stack = [node];
    while (stack.length) {
      const n = stack.pop();
      if (n.nodeType === 3) parts.push(n.data);
      else if ((n.nodeType === 1 || n.nodeType === 9) && (n === node || !SKIP.has(n.nodeName)))
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
    return parts.join('').replace(/\s+/g, ' ').trim();
  };
  const out = CASES.map(c => {
    const doc = new DOMParser().parseFromString('<!DOCTYPE html>' + c.html, 'text/html');
    const expected = {
      text: textOf(doc.documentElement),
      tables: [...doc.querySelectorAll('table')].map(t =>
        [...t.rows].map(row => [...row.cells].map(textOf)),
      ),
      titles: [...doc.querySelectorAll('[title]')].map(e => e.getAttribute('title')),
      hrefs: [...doc.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
    };
    if (c.select) expected.selected = [...doc.getElementsByTagName(c.select)].map(textOf);
    return { ...c, expected };
  });
  document.getElementById('out').textContent = JSON.stringify(out);
}

const dir = mkdtempSync(join(tmpdir(), 'html-cases-'));
const page = join(dir, 'probe.html');
const data = JSON.stringify(cases).replace(/</g, '\\u003c');
writeFileSync(
  page,
  `<!DOCTYPE html><pre id="out"></pre><script>const CASES = ${data};\n(${probePage})();</script>`,
);
const dom = execFileSync(
  process.argv[2] ?? 'chromium',
  ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${page}`],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
);
const text = /<pre id="out">([\s\S]*?)<\/pre>/.exec(dom)[1];
const unescaped = text
  .replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"')
  .replace(/&nbsp;/g, '\u00a0')
  .replace(/&amp;/g, '&');
writeFileSync(file, await format(JSON.stringify(JSON.parse(unescaped)), { parser: 'json' }));
console.log(
  `${cases.length} cases read by ${execFileSync(process.argv[2] ?? 'chromium', ['--version'], { encoding: 'utf8' }).trim()}`,
);
