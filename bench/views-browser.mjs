// Browser half of bench/views.bench.ts: the real time-series webview bundle in headless Chromium
// under the strict CSP (test/dom/webviewPage.mjs). The page answers its own chart requests with
// the host messages the bench built (argv[2]), as the extension host would, so only the
// webview's work is timed. Hover latency runs from a mouse move to the first animation frame
// after the tooltip was updated (the frame that paints it). Prints one JSON object on stdout.
import { readFileSync } from 'node:fs';
import { ensureBuilt, launchChromium, serveWebview } from '../test/dom/webviewPage.mjs';

const { index, messages } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
ensureBuilt('webview-timeseries');
const { server, base } = await serveWebview('webview-timeseries');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}?theme=vscode-dark`);
  await page.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
  // Chart requests are answered in the page (the host's answer for that chart, its seq).
  await page.evaluate(answers => {
    const posted = window.__posted;
    posted.push = (...items) => {
      for (const m of items)
        if (m.type === 'seriesRequest' && answers[m.key])
          setTimeout(() => window.postMessage({ ...answers[m.key], seq: m.seq }, '*'), 0);
      return Array.prototype.push.apply(posted, items);
    };
  }, messages);

  /** Posts (or clicks), then resolves with ms until a chart with `key` is first drawn. */
  const timeToChart = (key, action) =>
    page.evaluate(
      ({ key, action }) =>
        new Promise(resolve => {
          const t0 = performance.now();
          if (action.post) window.postMessage(action.post, '*');
          else document.querySelector(action.click).click();
          const check = () => {
            const c = document.getElementById('ts-chart');
            if (c?.dataset.key === key && c.dataset.rendered === 'true')
              resolve(Number(c.dataset.firstRenderAt) - t0);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      { key, action },
    );

  const firstChartMs = await timeToChart('progression', { post: index });
  const qosChartMs = await timeToChart('qos/inbound/jitter', { click: '#tab-qos' });
  const hovers = await page.evaluate(
    moves =>
      (async () => {
        const canvas = document.getElementById('ts-chart');
        const r = canvas.getBoundingClientRect();
        const out = [];
        for (let i = 0; i < moves; i++) {
          const t0 = performance.now();
          canvas.dispatchEvent(
            new MouseEvent('mousemove', {
              clientX: r.left + 80 + ((r.width - 160) * (i + 0.5)) / moves,
              clientY: r.top + r.height / 2,
              bubbles: true,
            }),
          );
          // Until the tooltip is updated and the next frame (which paints it) has started.
          const at = await new Promise(resolve => {
            const check = () => {
              if (Number(canvas.dataset.tooltipAt ?? 0) > t0) resolve(performance.now());
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
          out.push(at - t0);
        }
        return out;
      })(),
    40,
  );
  const sorted = [...hovers].sort((a, b) => a - b);
  const q = p => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  console.log(
    JSON.stringify({
      firstChartMs,
      qosChartMs,
      hoverMedianMs: q(0.5),
      hoverP95Ms: q(0.95),
      hoverMaxMs: sorted.at(-1),
      moves: hovers.length,
    }),
  );
} finally {
  await browser.close();
  server.close();
}
