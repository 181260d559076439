/**
 * `--format junit`: JUnit XML, the test-report format CI systems display (GitLab, Jenkins,
 * Azure, GitHub test-reporter actions). One <testsuite> per scope (a scenario, a pair of tests),
 * one <testcase> per validity check or compared metric; a failing one has a <failure>, a check
 * without data is <skipped>, a suspect one passes with its reason in <system-out>.
 */
import { groupBy } from '../../shared/arrays';
import type { CiCheck, CiReport } from './model';

/** Text safe in an XML attribute or element: the five entities, no character XML 1.0 forbids. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function count(checks: readonly CiCheck[]): string {
  const n = (k: CiCheck['outcome']): number => checks.filter(c => c.outcome === k).length;
  return `tests="${checks.length}" failures="${n('fail')}" errors="0" skipped="${n('skip')}"`;
}

function testcase(c: CiCheck): string {
  const open = `    <testcase classname="${xmlText(c.suite)}" name="${xmlText(c.name)}"`;
  const where = c.file ? ` file="${xmlText(c.file)}"${c.line ? ` line="${c.line}"` : ''}` : '';
  const message = xmlText(c.message);
  if (c.outcome === 'fail')
    return `${open}${where}>\n      <failure message="${message}" type="${xmlText(c.rule)}">${message}</failure>\n    </testcase>\n`;
  if (c.outcome === 'skip')
    return `${open}${where}>\n      <skipped message="${message}"/>\n    </testcase>\n`;
  return `${open}${where}>\n      <system-out>${c.outcome}: ${message}</system-out>\n    </testcase>\n`;
}

export function junitXml(report: CiReport): string {
  const suites = [...groupBy(report.checks, c => c.suite)].map(
    ([suite, checks]) =>
      `  <testsuite name="${xmlText(suite)}" ${count(checks)}>\n${checks.map(testcase).join('')}  </testsuite>\n`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${xmlText(`loadtest-lens ${report.command}: ${report.subject}`)}" ${count(report.checks)}>\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}
