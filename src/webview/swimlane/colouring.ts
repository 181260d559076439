/**
 * What colours the swimlane's connected time — a QoE metric (`qoe:vmaf`) or a QoS variant
 * (`qos:outbound/rtt/video`) — with its selector (a native select, keyboard operable) and the
 * legend: the segment kinds with their non-colour cues, and the colour ramp in the units users
 * read (VMAF 0–100, MOS 1–5, ms, kbit/s, %).
 */
import type { QoeMetricVM, QosVariantVM, SwimlaneVM } from '../../shared/views/swimlane';
import { el } from '../common/dom';
import { KIND_LABELS, METRIC_LABELS, qosLabel, qosTicks, qosUnit, rampTicks } from './colors';

export function metricOf(colour: string): QoeMetricVM | undefined {
  const m = colour.startsWith('qoe:') ? colour.slice(4) : '';
  return m === 'vmaf' || m === 'visqol' ? m : undefined;
}

export function variantOf(v: SwimlaneVM, colour: string): QosVariantVM | undefined {
  if (!colour.startsWith('qos:')) return undefined;
  return v.qosVariants?.find(q => q.key === colour.slice(4));
}

/** `colour` when the view model offers it, else its first QoE metric, else nothing. */
export function validColour(v: SwimlaneVM, colour: string | undefined): string {
  if (colour && (metricOf(colour) ? v.metrics.includes(metricOf(colour)!) : variantOf(v, colour)))
    return colour;
  return v.metrics[0] ? `qoe:${v.metrics[0]}` : '';
}

export function colourSelect(
  v: SwimlaneVM,
  colour: string,
  onChange: (colour: string) => void,
): HTMLElement | undefined {
  const qos = v.qosVariants ?? [];
  if (v.metrics.length + qos.length === 0) return undefined;
  const select = el('select', { id: 'metric', 'aria-label': 'Colour connected time by' });
  const option = (value: string, text: string) => {
    const o = el('option', { value }, text);
    o.selected = value === colour;
    return o;
  };
  if (!colour) select.append(option('', 'Connection state only'));
  if (v.metrics.length > 0)
    select.append(
      el('optgroup', { label: 'QoE' }, ...v.metrics.map(m => option(`qoe:${m}`, METRIC_LABELS[m]))),
    );
  if (qos.length > 0)
    select.append(
      el(
        'optgroup',
        { label: 'QoS (stats.json)' },
        ...qos.map(q => option(`qos:${q.key}`, `${qosLabel(q)} (${qosUnit(q)})`)),
      ),
    );
  select.addEventListener('change', () => onChange(select.value));
  return el('label', {}, 'Colour by ', select);
}

function ramp(
  id: string,
  title: string,
  ticks: readonly string[],
  reversed: boolean,
  status?: string,
): HTMLElement {
  return el(
    'div',
    { class: 'qoe-legend', id },
    el('span', {}, title),
    el(
      'div',
      { class: 'ramp-box' },
      el('div', { class: `qoe-ramp${reversed ? ' low-good' : ''}`, 'aria-hidden': 'true' }),
      el('div', { class: 'ramp-ticks' }, ...ticks.map(t => el('span', {}, t))),
    ),
    ...(status === undefined
      ? []
      : [el('span', { id: 'qos-status', class: 'note', role: 'status' }, status)]),
  );
}

export function setQosStatus(text: string): void {
  const status = document.getElementById('qos-status');
  if (status) status.textContent = text;
}

export function legend(v: SwimlaneVM, colour: string): HTMLElement {
  const item = (cls: string, text: string) =>
    el('li', {}, el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  const list = el(
    'ul',
    { class: 'swim-legend', 'aria-label': 'Legend' },
    item('start', KIND_LABELS.start),
    item('retry', `Retry (dotted, attempt number)`),
    item('connected', KIND_LABELS.connected),
    item('failure', `${KIND_LABELS.failure} (hatched)`),
    item('batch', 'Batch start (B1, B2…)'),
    el('li', {}, '▲ publisher'),
  );
  const metric = metricOf(colour);
  const variant = variantOf(v, colour);
  const scale = metric
    ? ramp(
        'qoe-legend',
        `QoE: ${METRIC_LABELS[metric]}`,
        rampTicks(metric, v.qoeRanges?.[metric]),
        false,
      )
    : variant
      ? ramp(
          'qos-legend',
          `QoS: ${qosLabel(variant)} (${qosUnit(variant)}; ${variant.higherIsBetter ? 'higher' : 'lower'} is better)`,
          qosTicks(variant),
          !variant.higherIsBetter,
          'Reading the stats.json files…',
        )
      : undefined;
  return scale ? el('div', { class: 'legend-row' }, list, scale) : list;
}
