/**
 * Failure-causes webview: one table per test of the count, share and median load (test time,
 * users connected, CPU) of each failure cause, and the recovered reconnections. It only draws
 * what the host sends; the tables are plain HTML (keyboard and screen readers get them as they
 * are), coloured by the theme's variables.
 */
import type { FailureCausesTestVM, FailureCausesVM } from '../../shared/views/failureCauses';
import { failureCauses } from '../../shared/views/failureCauses';
import { el, setState, titledSection } from '../common/dom';
import { startView, viewPage } from '../common/view';

const { host, app } = viewPage(failureCauses);
let vm: FailureCausesVM | undefined;

function fixed(value: number | null | undefined, digits: number, unit = ''): string {
  return value === null || value === undefined ? '–' : `${value.toFixed(digits)}${unit}`;
}

function testTable(v: FailureCausesVM, t: FailureCausesTestVM, index: number): HTMLElement {
  const head = el(
    'tr',
    {},
    ...['cause', 'failures', 'share', 'median time (s)', 'median users', 'median CPU'].map(h =>
      el('th', { scope: 'col' }, h),
    ),
  );
  const rows = v.causes.map((cause, i) => {
    const m = t.medians[i];
    return el(
      'tr',
      { 'data-cause': cause },
      el('th', { scope: 'row', title: v.notes[i] ?? '' }, cause),
      el('td', { class: 'num' }, String(t.counts[i] ?? 0)),
      el('td', { class: 'num' }, fixed(t.shares[i], 1, ' %')),
      el('td', { class: 'num' }, fixed(m?.time, 0)),
      el('td', { class: 'num' }, fixed(m?.users, 0)),
      el('td', { class: 'num' }, m?.cpu === null || m === null ? '–' : fixed(m?.cpu, 2)),
    );
  });
  return titledSection(
    { id: `test-${index}`, title: t.label, level: 'h3', attrs: { class: 'causes' } },
    el(
      'p',
      { class: 'note' },
      t.total === 0
        ? 'No failure lines in this test.'
        : `${t.total} failure lines; ${t.recovered} reconnections recovered.`,
    ),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'causes-table', 'data-test': t.label },
        el('thead', {}, head),
        el('tbody', {}, ...rows),
      ),
    ),
  );
}

function render(v: FailureCausesVM): void {
  const any = v.tests.some(t => t.total > 0 || t.recovered > 0);
  app.replaceChildren(
    el('h1', {}, 'Failure causes'),
    el(
      'p',
      { class: 'note' },
      'Each failure line of the controller log, classified by what the user’s events.json shows just before it. Hover a cause for its meaning.',
    ),
    any
      ? titledSection(
          { id: 'tests', title: `${v.tests.length} tests` },
          ...v.tests.map((t, i) => testTable(v, t, i)),
        )
      : el(
          'p',
          { class: 'status', id: 'empty' },
          'No failures and no reconnections in these tests.',
        ),
  );
  setState(any ? 'ready' : 'empty');
}

startView({
  host,
  app,
  hasData: () => vm !== undefined,
  onMessage: m => {
    if (m.type !== 'failureCauses') return;
    vm = m.causes;
    render(vm);
  },
});
