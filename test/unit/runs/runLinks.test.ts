/**
 * Run view links (issue 19): only http/https reach the view; a report or configuration naming
 * `javascript:`, `vscode://` or `file:` has that link dropped with a note. The hostile run is a
 * generated one whose Kibana and Grafana addresses are rewritten here.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';
import { runViewVM, webLinks } from '../../../src/core/viewmodel/runView';
import { isWebLink } from '../../../src/shared/webLink';
import { generatedRun } from './runs';

describe('isWebLink', () => {
  it.each([
    ['https://kibana.example.org/app#/x', true],
    ['http://grafana:3000/explore', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['vscode://ms-vscode.x/command', false],
    ['command:workbench.action.terminal.new', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['//evil.example.org', false],
    ['kibana.example.org', false],
    ['', false],
  ])('%j → %s', (href, expected) => {
    expect(isWebLink(href)).toBe(expected);
  });
});

describe('webLinks', () => {
  it('keeps http/https, drops the rest with one note each naming the scheme', () => {
    const r = webLinks({
      kibanaReported: 'vscode://evil/run',
      kibanaTrue: 'https://kibana.example.org/x',
      grafana: 'javascript:alert(1)',
    });
    expect(r.links).toEqual({ kibanaTrue: 'https://kibana.example.org/x' });
    expect(r.linkNotes).toHaveLength(2);
    expect(r.linkNotes.join('\n')).toContain('vscode:');
    expect(r.linkNotes.join('\n')).toContain('javascript:');
  });
});

describe('a run whose report and configuration name hostile links', () => {
  it('no javascript:/vscode: address in the view model; notes say what was dropped', async () => {
    const { dir } = await generatedRun();
    for (const name of readdirSync(dir)) {
      if (!/\.(html|txt|yaml)$/.test(name)) continue;
      const file = join(dir, name);
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replaceAll('https://kibana.loadtest.example.org', 'vscode://evil.ext/cmd?x=')
          .replaceAll('https://grafana.loadtest.example.org', 'javascript:alert(1)//'),
      );
    }
    const [files] = await listRuns(dir);
    const run = await loadRun(files!);
    const vm = runViewVM(run, summarizeRun(run));
    expect(vm.scenarios.length).toBeGreaterThan(0);
    for (const s of vm.scenarios) {
      expect(JSON.stringify(s.links)).not.toMatch(/javascript:|vscode:/);
      // Each scenario had a Kibana link and a Grafana host: both dropped, both noted.
      expect(s.linkNotes.some(n => n.includes('vscode:'))).toBe(true);
      expect(s.linkNotes.some(n => n.includes('javascript:'))).toBe(true);
    }
  });
});
