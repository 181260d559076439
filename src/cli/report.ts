/**
 * `loadtest-lens report <root> --out report.html`: ONE self-contained HTML file with, per test, the
 * connection progression, CPU and QoE charts, the load knees, capacity and failure causes, and the
 * method notes. Data, script and style are inline; a strict CSP (hashes, `default-src 'none'`)
 * forbids any network access. The page script is dist/report-page.js (src/webview/report).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  METHOD_NOTES,
  loadRoot,
  type CompareTest,
  type LoadConfig,
} from '../core/compare';
import type { TaskRunner } from '../core/pipeline/runner';
import { testLoadsOn } from '../core/pipeline/testLoads';
import { reportTest } from '../core/viewmodel/report';
import type { ReportModel, ReportTest } from '../shared/reportModel';
import { cacheOption } from './cache';
import type { CliIo } from './io';
import { commaList, runCommand, usageError } from './command';
import { EXIT, blockingFindings, findingText, printFindingCounts } from './exit';
import { checkInputFolders, rootTestsOf } from './inputs';
import { STDOUT, outputProblem } from './output';
import { parseCommandArgs, textOf, type FlagSpecs } from './args';
import { htmlPage } from '../shared/htmlPage';
import { plural } from '../shared/format';

export const REPORT_HELP = `Usage: loadtest-lens report <root> --out report.html [--tests a,b] [--capacity-vmaf V] [--capacity-drop N]

Writes one self-contained HTML file (opens offline, no network) with, per test, the connection
progression, media-node CPU and VMAF-vs-users charts, the load knees, the capacity statement, the
failure causes and the method notes. See docs/compare.md.

  --out FILE          the HTML file to write (replaced); - writes it on standard output
  --tests a,b         only these tests
  --capacity-vmaf V   VMAF (0-100) of the capacity statement (default 80)
  --capacity-drop N   relative capacity: VMAF points below the light-load level (default 5)`;

const sha256 = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON safe inside a <script> data block: no `<` (so no `</script>` nor `<!--`), no U+2028/9. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The whole page: model as a JSON data block, script and style inline under a hash-based CSP. */
export function reportHtml(model: ReportModel, script: string, style: string): string {
  const js = script.replace(/<\/script/gi, '<\\/script');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(js)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return htmlPage({
    csp,
    title: 'Load test report',
    head: `<style>${style}</style>`,
    body: `<main id="report"></main>
<script type="application/json" id="report-data">${scriptJson(model)}</script>
<script>${js}</script>`,
  });
}

interface ReportOptions {
  readonly root: string;
  readonly out: string;
  readonly tests?: readonly string[];
  readonly capacityVmaf: number;
  readonly capacityDrop: number;
}

const FLAGS: FlagSpecs = {
  '--out': 'string',
  '--tests': 'string',
  '--capacity-vmaf': 'string',
  '--capacity-drop': 'string',
};

export function parseReportArgs(argv: readonly string[]): ReportOptions | string {
  const args = parseCommandArgs(argv, FLAGS);
  if (typeof args === 'string') return args;
  const positional = args.positionals;
  const values = { get: (flag: string) => textOf(args, flag) };
  if (positional.length !== 1) return 'one result root is required';
  const out = values.get('--out');
  if (!out) return '--out FILE is required';
  const vmaf = Number(values.get('--capacity-vmaf') ?? DEFAULT_LOAD_CONFIG.capacityVmaf);
  if (!(vmaf >= 0 && vmaf <= 100)) return '--capacity-vmaf must be between 0 and 100';
  const drop = Number(values.get('--capacity-drop') ?? DEFAULT_LOAD_CONFIG.capacityDrop);
  if (!(drop >= 0 && drop <= 100)) return '--capacity-drop must be between 0 and 100';
  const tests = commaList(values.get('--tests'));
  return {
    root: resolve(positional[0] as string),
    out: out === STDOUT ? STDOUT : resolve(out),
    ...(tests ? { tests } : {}),
    capacityVmaf: vmaf,
    capacityDrop: drop,
  };
}

/** Every test's page, its knees fitted on the workers (all tests' at once). */
async function testsOnPool(
  runner: TaskRunner,
  tests: readonly CompareTest[],
  load: LoadConfig,
): Promise<ReportTest[]> {
  const loads = await testLoadsOn(runner, tests, DEFAULT_CONFIG, load);
  return tests.map((t, i) => reportTest(t, DEFAULT_CONFIG, load, loads[i]));
}

export function reportCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand(
    'report',
    REPORT_HELP,
    argv,
    io,
    parseReportArgs,
    async (given: ReportOptions, runner) => {
      const refused = await checkInputFolders('report', [given.root], io);
      if (refused !== undefined) return refused;
      const target = await rootTestsOf('report', given, io);
      if (typeof target === 'string') return usageError('report', REPORT_HELP, target, io);
      const o: ReportOptions = { ...given, ...target };
      const outProblem =
        o.out === STDOUT ? undefined : await outputProblem(o.out, 'file', [o.root]);
      if (outProblem) {
        io.stderr(`loadtest-lens report: ${outProblem}\n`);
        return EXIT.badInput;
      }
      const loaded = await loadRoot(o.root, {
        runner,
        ...cacheOption(),
        ...(o.tests ? { tests: o.tests } : {}),
      });
      const findings = [...loaded.diagnostics, ...loaded.tests.flatMap(t => t.diagnostics)];
      const blocking = blockingFindings(findings);
      if (blocking.length) {
        io.stderr(blocking.map(d => `loadtest-lens report: ${findingText(d)}\n`).join(''));
        return EXIT.badInput;
      }
      printFindingCounts(findings, io);
      if (loaded.tests.length === 0) {
        io.stderr(`loadtest-lens report: no test found in ${o.root}\n`);
        return EXIT.badInput;
      }
      const load = {
        ...DEFAULT_LOAD_CONFIG,
        capacityVmaf: o.capacityVmaf,
        capacityDrop: o.capacityDrop,
      };
      const model: ReportModel = {
        root: o.root,
        capacityVmaf: o.capacityVmaf,
        tests: await testsOnPool(runner, loaded.tests, load),
        method: METHOD_NOTES,
      };
      const [script, style] = await Promise.all([
        readFile(join(__dirname, 'report-page.js'), 'utf8'),
        readFile(join(__dirname, 'report-page.css'), 'utf8'),
      ]);
      const html = reportHtml(model, script, style);
      if (o.out === STDOUT) {
        io.stdout(html);
        return EXIT.done;
      }
      await mkdir(dirname(o.out), { recursive: true });
      await writeFile(o.out, html);
      io.stdout(
        `${o.out}\n  ${plural(model.tests.length, 'test')}, ${(html.length / 1024).toFixed(0)} KiB, self-contained\n`,
      );
      return EXIT.done;
    },
  );
}
