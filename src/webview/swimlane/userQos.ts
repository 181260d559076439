/**
 * The QoS part of the swimlane's detail panel: the host's figures of the chosen user (count, mean,
 * min, max of each QoS variant over its stats.json reports), in the units users read (ms, kbit/s,
 * %). The panel asks for them when it opens; `data-*` attributes carry the raw values for tests.
 */
import type { SwimlaneVM, SwimRowVM, UserQosVM } from '../../shared/views/swimlane';
import { el, titledSection } from '../common/dom';
import { qosDisplay, qosLabel, qosUnit } from './colors';

/** The section shown while the host reads the figures. */
export function userQosPlaceholder(row: SwimRowVM): HTMLElement {
  return titledSection(
    {
      id: 'detail-qos',
      title: 'QoS (stats.json reports)',
      level: 'h3',
      attrs: { 'data-row': row.label },
    },
    el('p', { class: 'status' }, 'Reading stats.json…'),
  );
}

function shown(v: number): string {
  return v.toFixed(Math.abs(v) < 10 ? 2 : 1);
}

function figuresTable(v: SwimlaneVM, q: UserQosVM, label: string): HTMLElement {
  const head = el(
    'tr',
    {},
    ...['Metric', 'Reports', 'Mean', 'Min', 'Max'].map((h, i) =>
      el('th', { scope: 'col', ...(i > 0 ? { class: 'num' } : {}) }, h),
    ),
  );
  const rows = q.figures.flatMap(f => {
    const variant = v.qosVariants?.find(x => x.key === f.variant);
    if (!variant) return [];
    const cell = (field: 'mean' | 'min' | 'max') =>
      el(
        'td',
        { class: 'num', 'data-field': field, 'data-value': String(f[field]) },
        shown(qosDisplay(variant, f[field])),
      );
    return [
      el(
        'tr',
        { 'data-variant': f.variant },
        el('th', { scope: 'row' }, `${qosLabel(variant)} (${qosUnit(variant)})`),
        el('td', { class: 'num', 'data-field': 'n', 'data-value': String(f.n) }, String(f.n)),
        cell('mean'),
        cell('min'),
        cell('max'),
      ),
    ];
  });
  return el(
    'table',
    { id: 'detail-qos-table', 'aria-label': `QoS of ${label}` },
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
}

/** Replaces the placeholder when the figures are those of the user whose details are open. */
export function showUserQos(v: SwimlaneVM, q: UserQosVM): void {
  const section = document.getElementById('detail-qos');
  const row = v.rows.find(r => r.session === q.session && r.user === q.user);
  if (!section || !row || q.test !== v.test || section.dataset['row'] !== row.label) return;
  const body =
    q.figures.length === 0
      ? el(
          'p',
          { class: 'status' },
          `No QoS reports for ${row.label} in this test's stats.json files.`,
        )
      : figuresTable(v, q, row.label);
  section.replaceChildren(el('h3', { id: 'detail-qos-title' }, 'QoS (stats.json reports)'), body);
  section.dataset['state'] = 'ready';
}
