// Shared set-up for the e2e tests: the sample root copied to a throw-away workspace, the
// VSIX, and expectations computed straight from the sample's files (never from extension code).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CodeServer,
  DEMO_SETTINGS,
  ensureCodeServer,
  ensureSystemPackages,
  ROOT,
  THEMES,
} from '../../scripts/e2e/code-server.mjs';
import { launchBrowser, Workbench, workbenchUrl } from '../../scripts/e2e/workbench.mjs';
import { packageVsix } from '../../scripts/package-vsix.mjs';

export const RESULTS_DIR = path.join(ROOT, 'test-results/e2e');

/** The sample result root (LTL_E2E_SAMPLE overrides), generated when missing. */
export function sampleRoot() {
  const root = path.resolve(process.env.LTL_E2E_SAMPLE || path.join(ROOT, 'samples/demo'));
  if (!existsSync(path.join(root, 'stats')) && !process.env.LTL_E2E_SAMPLE) {
    const generator = path.join(ROOT, 'scripts/generate-sample.mjs');
    if (!existsSync(generator)) throw new Error(`no sample at ${root} and no ${generator}`);
    const result = spawnSync(process.execPath, [generator], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('scripts/generate-sample.mjs failed');
  }
  if (!existsSync(path.join(root, 'stats'))) throw new Error(`${root} is not a result root`);
  return root;
}

/** A fresh VSIX of the working tree (LTL_E2E_VSIX reuses a given one). */
export function vsix() {
  if (process.env.LTL_E2E_VSIX) return path.resolve(process.env.LTL_E2E_VSIX);
  // One file per run: engineers share the checkout and may run the e2e at the same time.
  const out = path.join(ROOT, '.ci/work/e2e', `loadtest-lens-e2e-${process.pid}.vsix`);
  return packageVsix({ out, quiet: true }).vsix;
}

/** Copies the sample into `<tmp>/workspace/<name>`; returns both paths. */
export function copySample(source, name = path.basename(source)) {
  const base = mkdtempSync(path.join(tmpdir(), 'ltl-e2e-'));
  const workspace = path.join(base, 'workspace');
  const root = path.join(workspace, name);
  cpSync(source, root, { recursive: true });
  return { base, workspace, root };
}

/** Every file and folder under `dir` with its size and mtime, to prove nothing was written. */
export function snapshot(dir) {
  const out = {};
  const walk = rel => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      const stat = statSync(path.join(dir, child));
      out[child] = entry.isDirectory() ? 'dir' : `${stat.size}@${stat.mtimeMs}`;
      if (entry.isDirectory()) walk(child);
    }
  };
  walk('');
  return out;
}

/** Test names: the folders in stats/, sorted. */
export function testNames(root) {
  return readdirSync(path.join(root, 'stats'), { withFileTypes: true })
    .filter(e => e.isDirectory())
    .map(e => e.name)
    .sort();
}

/** Sessions and users of `test`: its LoadTestSession* folders and their User* folders. */
export function folderCounts(root, test) {
  const dir = path.join(root, 'stats', test);
  const sessions = readdirSync(dir).filter(name => /^LoadTestSession\d+$/.test(name));
  const users = sessions.flatMap(session =>
    readdirSync(path.join(dir, session)).filter(name => /^User\d+$/.test(name)),
  );
  return { sessions: sessions.length, users: users.length };
}

/** Splits one CSV line (RFC 4180 quotes). */
function csvCells(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}

/** pandas reads these as NaN; `dropna` then drops them. */
const NA = new Set(['', 'nan', 'NaN', 'NA', 'N/A', 'null', 'NULL', 'None', '<NA>', '-nan']);

/**
 * What the chart must show for `test`: per column (cpu, memory) the number of rows with a value
 * and the maximum, read from dfs_final/<test>-medianode.csv.
 */
export function expectedChart(root, test) {
  const text = readFileSync(path.join(root, 'dfs_final', `${test}-medianode.csv`), 'utf8');
  const lines = text.split(/\r?\n/).filter(line => line.trim() !== '');
  const header = csvCells(lines[0]).map(h => h.trim());
  const column = name => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${test}-medianode.csv has no ${name} column: ${header}`);
    const values = lines
      .slice(1)
      .map(line => csvCells(line)[index]?.trim() ?? '')
      .filter(cell => !NA.has(cell))
      .map(Number);
    return { points: values.length, max: values.length ? Math.max(...values) : undefined };
  };
  const cpu = column('cpu');
  const memory = column('memory');
  return {
    cpuPoints: cpu.points,
    cpuMax: cpu.max,
    memoryPoints: memory.points,
    memoryMax: memory.max,
  };
}

/**
 * The inner frame of the webview (of any open panel) whose document has `selector`, bound to
 * that webview by its id: a position among the webviews would point at another one as soon as
 * a panel before it closes.
 */
export async function frameWith(page, selector) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const frames = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await frames.count()); i++) {
      const inner = frames.nth(i).contentFrame().frameLocator('#active-frame');
      if ((await inner.locator(selector).count()) === 0) continue;
      const id = /[?&]id=([^&]+)/.exec((await frames.nth(i).getAttribute('src')) ?? '')?.[1];
      if (!id) return inner;
      return page
        .locator(`iframe.webview.ready[src*="id=${id}"]`)
        .contentFrame()
        .frameLocator('#active-frame');
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${selector}`);
}

/**
 * A real VS Code in the dark theme on a copy of the sample root with the packaged extension
 * installed: `{ sample, tests, workbench, close }`. `prepare(sample)` runs on the copy before VS
 * Code starts (files added then are in the Explorer from the start).
 */
export async function openVsCode({ prepare } = {}) {
  ensureSystemPackages();
  ensureCodeServer();
  const sample = copySample(sampleRoot());
  prepare?.(sample);
  const extension = vsix();
  const server = new CodeServer({
    workDir: path.join(sample.base, 'code-server'),
    settings: { 'workbench.colorTheme': THEMES.dark.id, ...DEMO_SETTINGS },
  });
  let browser;
  const close = async () => {
    await browser?.close();
    await server.stop();
    rmSync(sample.base, { recursive: true, force: true });
  };
  try {
    server.installExtension(extension);
    if (!process.env.LTL_E2E_VSIX) rmSync(extension, { force: true });
    await server.start(sample.workspace);
    browser = await launchBrowser(server.env);
    const workbench = await Workbench.open(browser, workbenchUrl(server.url, sample.workspace));
    return { sample, tests: testNames(sample.root), workbench, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/**
 * Explorer → right-click the sample root → Open in Load Test Lens, then picks `test` in the
 * overview and presses its `button` (a panel of the test); the overview's frame.
 */
export async function openFromOverview({ workbench, sample }, test, button) {
  await workbench.showExplorer();
  await workbench.contextMenu(
    workbench.explorerRow(path.basename(sample.root)),
    'Open in Load Test Lens',
  );
  const overview = await frameWith(workbench.page, button);
  await overview.locator(`table#tests tbody tr[data-test="${test}"]`).click();
  await overview.locator(button).click();
  return overview;
}

/**
 * The CLI's overall verdicts (`loadtest-lens compare`, its verdict.json's `overall`: metric,
 * label, baseline, candidate, verdict, beyondThreshold …) for `baselineTest` of `baselineRoot` →
 * `candidateTest` of `candidateRoot`, in the compare view's row order.
 */
export function cliOverall(baselineRoot, candidateRoot, baselineTest, candidateTest) {
  const out = mkdtempSync(path.join(tmpdir(), 'ltl-compare-e2e-'));
  try {
    try {
      execFileSync(process.execPath, [
        path.join(ROOT, 'dist', 'cli.js'),
        'compare',
        baselineRoot,
        candidateRoot,
        '--baseline-test',
        baselineTest,
        '--candidate-test',
        candidateTest,
        '--out',
        out,
      ]);
    } catch (error) {
      if (error.status !== 1) throw error; // 1 = a regression beyond the thresholds: still written
    }
    const doc = JSON.parse(readFileSync(path.join(out, 'verdict.json'), 'utf8'));
    return doc.comparisons[0].overall;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The CLI's overall verdict words (see cliOverall), in the compare view's row order. */
export function cliVerdicts(baselineRoot, candidateRoot, baselineTest, candidateTest) {
  return cliOverall(baselineRoot, candidateRoot, baselineTest, candidateTest).map(v => v.verdict);
}

/**
 * A notebook root with one test named `test` (`sessions` planned) run on `date`, generated by
 * the CLI as small as the shipped sample (`--sample`'s options: 45 s, 25 s stats).
 */
export function generateTestRoot(out, seed, date, test, sessions = 2) {
  execFileSync(process.execPath, [
    path.join(ROOT, 'dist', 'cli.js'),
    'generate',
    '--out',
    out,
    '--sample',
    '--seed',
    seed,
    '--tests',
    `${test}:${sessions}`,
    '--base-date',
    date,
  ]);
}
