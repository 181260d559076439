/**
 * Failure-causes webview: per test, its failure lines by cause over test time and load, and a
 * table of the count, share and median load (test time, users connected, CPU) of each cause, and
 * the recovered reconnections (drawn by src/webview/common/failureCauses.ts, which the compare
 * view draws too). It only draws what the host sends; the tables are plain HTML (keyboard and
 * screen readers get them as they are), coloured by the theme's variables.
 */
import type { FailureCausesVM } from '../../shared/views/failureCauses';
import { failureCauses } from '../../shared/views/failureCauses';
import { el, setState } from '../common/dom';
import { failureCausesSection } from '../common/failureCauses';
import type { Chart } from '../common/pointCharts';
import { startView, viewPage } from '../common/view';
import { plural } from '../../shared/format';

const { host, app } = viewPage(failureCauses);
let vm: FailureCausesVM | undefined;
let charts: Chart[] = [];

function render(v: FailureCausesVM): void {
  for (const c of charts) c.destroy();
  const section = failureCausesSection(v, { id: 'tests', title: plural(v.tests.length, 'test') });
  app.replaceChildren(
    el('h1', {}, 'Failure causes'),
    el(
      'p',
      { class: 'note' },
      'Each failure line of the controller log, classified by what the user’s events.json shows just before it. Hover a cause for its meaning.',
    ),
    section.element,
  );
  charts = section.draw();
  setState(section.any ? 'ready' : 'empty');
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
  onThemeChange: () => vm && render(vm),
});
