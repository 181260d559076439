/**
 * A run folder with more than one YAML or `.log` file: the compose file, a configuration kept
 * from another run, a build log, another run's controller log. The run must read its own
 * configuration and log whatever their names sort like, and say which it read. The truth is the
 * shipped sample run (samples/today) as it is.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, loadRun, type RunData } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';

const SAMPLE = join(__dirname, '..', '..', '..', 'samples', 'today');

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ltl-run-inputs-')), 'today');
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

async function load(dir: string): Promise<RunData> {
  const [files] = await listRuns(dir);
  return loadRun(files!);
}

const labels = (run: RunData) =>
  summarizeRun(run).scenarios.map(s => [s.label, s.browser, s.links]);
const note = (run: RunData, code: string) => run.diagnostics.find(d => d.code === code);

describe("a run folder's configuration among several YAML files", () => {
  it('a compose file sorted first is not taken for it', async () => {
    const clean = await load(SAMPLE);
    const dir = copy();
    writeFileSync(
      join(dir, 'a-compose.yml'),
      'services:\n  loadtest-controller:\n    image: loadtest-controller:local\n',
    );
    const run = await load(dir);
    expect(basename(run.files.config!)).toBe('config.yaml');
    expect(labels(run)).toEqual(labels(clean));
    // The configuration is what says the test cases were emulated.
    expect(summarizeRun(clean).scenarios.every(s => s.browser === 'emulated')).toBe(true);
    expect(note(run, 'config.chosen')?.message).toContain(
      "not a-compose.yml (none of the configuration's sections",
    );
    expect(run.diagnostics.map(d => d.code)).not.toContain('config.noTestcases');
  });

  it('one kept from another run loses to the one the reports match', async () => {
    const dir = copy();
    const own = readFileSync(join(SAMPLE, 'config.yaml'), 'utf8');
    // Another run's: other participants, sorted before config.yaml.
    const stale = own.replace('participants: ["4", "8", "16"]', 'participants: ["50", "100"]');
    expect(stale).not.toBe(own);
    writeFileSync(join(dir, 'before-config.yaml'), stale);
    const run = await load(dir);
    expect(basename(run.files.config!)).toBe('config.yaml');
    expect(note(run, 'config.chosen')?.message).toContain(
      "not before-config.yaml (its test cases match fewer of the reports')",
    );
    expect(run.config?.scenarios.map(s => s.participants)).toEqual(['4', '8', '16']);
  });
});

describe("the repository's own layout (docker-compose.yml, config/, results/)", () => {
  const COMPOSE = 'services:\n  loadtest-controller:\n    image: loadtest-controller:local\n';

  it('reads config/config.yaml, not the compose files, and results/docker-compose.log', async () => {
    const clean = await load(SAMPLE);
    const dir = copy();
    mkdirSync(join(dir, 'results'));
    mkdirSync(join(dir, 'config'));
    for (const f of ['report-2026-07-01_10-00-00.html', 'results-2026-07-01_10-00-00.txt'])
      renameSync(join(dir, f), join(dir, 'results', f));
    renameSync(join(dir, 'config.yaml'), join(dir, 'config', 'config.yaml'));
    // The repository's other configuration matches the reports as well: config.yaml wins the tie.
    cpSync(join(dir, 'config', 'config.yaml'), join(dir, 'config', 'config-all.yaml'));
    writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
    writeFileSync(join(dir, 'docker-compose.aws.yml'), COMPOSE);
    // The e2e script's capture of the controller's output, beside the reports.
    const log = readFileSync(join(dir, 'logs', 'controller.log'), 'utf8');
    rmSync(join(dir, 'logs'), { recursive: true });
    const captured = log.replace(/^(?=.)/gm, 'loadtest-controller-e2e  | ');
    writeFileSync(join(dir, 'results', 'docker-compose.log'), captured);
    const run = await load(dir);
    expect(run.files.config).toBe(join(dir, 'config', 'config.yaml'));
    expect(run.files.log).toBe(join(dir, 'results', 'docker-compose.log'));
    expect(run.scenarios.map(s => s.log.length)).toEqual(clean.scenarios.map(s => s.log.length));
    expect(clean.scenarios.some(s => s.log.length > 0)).toBe(true);
    expect(labels(run)).toEqual(labels(clean));
    const chosen = note(run, 'config.chosen')?.message ?? '';
    expect(chosen).toContain('config-all.yaml (it matches the reports as well');
    for (const other of ['docker-compose.yml', 'docker-compose.aws.yml'])
      expect(chosen).toContain(`${other} (none of the configuration's sections`);
  });

  it('a compose file alone is no configuration', async () => {
    const dir = copy();
    rmSync(join(dir, 'config.yaml'));
    const without = summarizeRun(await load(dir));
    writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
    const run = await load(dir);
    expect(run.files.config).toBeUndefined();
    expect(note(run, 'config.none')?.message).toContain('docker-compose.yml');
    expect(run.diagnostics.map(d => d.code)).not.toContain('config.noTestcases');
    expect(summarizeRun(run).scenarios.map(s => s.label)).toEqual(
      without.scenarios.map(s => s.label),
    );
  });
});

describe("a run folder's controller log among several .log files", () => {
  it('a build log at the top is not taken for it', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'build.log'),
      '[INFO] Scanning for projects...\n[INFO] BUILD SUCCESS\n',
    );
    const run = await load(dir);
    expect(run.files.log).toBe(join(dir, 'logs', 'controller.log'));
    expect(note(run, 'log.chosen')?.message).toContain(
      'not build.log (no loadtest-controller line in it)',
    );
    expect(run.scenarios.every(s => s.logFile === run.files.log)).toBe(true);
  });

  it("another run's controller log loses to this run's", async () => {
    const dir = copy();
    const own = readFileSync(join(SAMPLE, 'logs', 'controller.log'), 'utf8');
    // The same log a week later (the stamps are UTC, `…Z`).
    const later = own.replace(/^2026-07-01T/gm, '2026-07-08T');
    expect(later).not.toBe(own);
    writeFileSync(join(dir, 'a-controller.log'), later);
    const run = await load(dir);
    expect(run.files.log).toBe(join(dir, 'logs', 'controller.log'));
    expect(note(run, 'log.chosen')?.message).toContain(
      'not a-controller.log (none of its lines is of this run)',
    );
    const clean = await load(SAMPLE);
    expect(run.scenarios.map(s => s.log.length)).toEqual(clean.scenarios.map(s => s.log.length));
  });

  it('a build log alone is no controller log: the run reads as one without a log', async () => {
    const dir = copy();
    rmSync(join(dir, 'logs'), { recursive: true });
    const without = summarizeRun(await load(dir));
    writeFileSync(
      join(dir, 'build.log'),
      '[INFO] Scanning for projects...\n[INFO] BUILD SUCCESS\n',
    );
    const run = await load(dir);
    expect(run.files.log).toBeUndefined();
    expect(note(run, 'log.none')?.message).toBe(
      'No controller log is read: build.log (no loadtest-controller line in it).',
    );
    const checks = (s: ReturnType<typeof summarizeRun>) =>
      s.scenarios.map(x => x.validity.checks.map(c => [c.cls, c.status, c.summary]));
    expect(checks(summarizeRun(run))).toEqual(checks(without));
  });

  it('a log that cannot be read is still named when another is read', async () => {
    const dir = copy();
    // A folder where a log should be (file.notRegular), sorted before logs/controller.log.
    mkdirSync(join(dir, 'a.log'));
    const run = await load(dir);
    expect(run.files.log).toBe(join(dir, 'logs', 'controller.log'));
    expect(
      run.diagnostics.some(d => d.code === 'file.notRegular' && d.file.endsWith('a.log')),
    ).toBe(true);
  });

  it('a lone log is read with no note', async () => {
    const run = await load(SAMPLE);
    expect(note(run, 'log.chosen')).toBeUndefined();
    expect(note(run, 'config.chosen')).toBeUndefined();
  });
});
