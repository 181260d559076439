// Browser half of bench/swimlane.bench.ts: the real swimlane webview bundle in headless Chromium
// under the strict CSP (test/dom/webviewPage.mjs). Times, from posting the host's message
// (argv[2]), the first draw (the compressed overview and the lens's full chart both drawn), a lens
// move by key, and a hover on a compressed row until its tip is updated. Prints one JSON object.
import { readFileSync } from 'node:fs';
import { ensureBuilt, launchChromium, serveWebview } from '../test/dom/webviewPage.mjs';

const message = JSON.parse(readFileSync(process.argv[2], 'utf8'));
ensureBuilt('webview-swimlane');
const { server, base } = await serveWebview('webview-swimlane');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}?theme=vscode-dark`);
  await page.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
  const first = await page.evaluate(
    m =>
      new Promise(resolve => {
        const compressed = JSON.parse(m.json).swimlane.rows.length > 200;
        const t0 = performance.now();
        window.postMessage(m, '*');
        const check = () => {
          const chart = document.querySelector('canvas#swimlane[data-rendered="true"]');
          const over = document.querySelector('canvas#swim-overview[data-rendered="true"]');
          if (chart && (over || !compressed))
            resolve({
              ms: performance.now() - t0,
              overviewRows: Number(over?.dataset.rows ?? 0),
              chartRows: Number(chart.dataset.rows),
            });
          else requestAnimationFrame(check);
        };
        // The first frame after the message: the page has drawn what it built synchronously.
        requestAnimationFrame(check);
      }),
    message,
  );
  const lensMs = await page.evaluate(
    () =>
      new Promise(resolve => {
        const over = document.getElementById('swim-overview');
        const before = over.dataset.focusStart;
        const t0 = performance.now();
        over.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }));
        const check = () => {
          const chart = document.querySelector('canvas#swimlane[data-rendered="true"]');
          if (over.dataset.focusStart !== before && chart) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  const hoverMs = await page.evaluate(
    () =>
      new Promise(resolve => {
        const over = document.getElementById('swim-overview');
        const r = over.getBoundingClientRect();
        const t0 = performance.now();
        over.dispatchEvent(
          new MouseEvent('mousemove', {
            clientX: r.left + r.width / 2,
            clientY: r.top + r.height * 0.7,
            bubbles: true,
          }),
        );
        const tip = document.getElementById('swim-overview-tip');
        const check = () => {
          if (!tip.hidden && tip.textContent) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  console.log(
    JSON.stringify({
      firstDrawMs: first.ms,
      overviewRows: first.overviewRows,
      chartRows: first.chartRows,
      lensMs,
      hoverMs,
    }),
  );
} finally {
  await browser.close();
  server.close();
}
