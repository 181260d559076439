/**
 * What the swimlane draws, beyond the first view model: finer segments of a zoomed range and the
 * QoS colouring, both asked of the host (which merged short segments and 1 s QoS intervals to a
 * budget for the whole test). Where finer data covers a range it replaces the coarse data there;
 * answers to anything but the latest request are ignored.
 */
import type { TimeRange } from '../../shared/views/checks';
import type { swimlane } from '../../shared/views/swimlane';
import type { PostOf } from '../common/host';
import type {
  QoeMetricVM,
  QosVariantVM,
  SwimlaneVM,
  SwimQosVM,
  SwimSegmentsVM,
  SwimSegmentVM,
} from '../../shared/views/swimlane';
import { qoeRampOf } from './colors';
import type { RowRange } from '../common/rowOverview';
import { axisLabel, type QosBar, type SwimData } from './swimChart';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The coarse items outside `range`, and the fine ones, in time order. */
export function overlay<T extends Span>(
  coarse: readonly T[],
  fine: readonly T[] | undefined,
  range: TimeRange | null | undefined,
): T[] {
  if (!range || !fine) return [...coarse];
  const outside = coarse.filter(c => c.end < range.start || c.start > range.end);
  return [...outside, ...fine].sort((a, b) => a.start - b.start);
}

/** Rows `range` of `data` (all of them without a range): what the full chart draws under a lens. */
export function rowsOf(data: SwimData, range: RowRange | undefined): SwimData {
  if (!range) return data;
  const { start, end } = range;
  const qos = data.qos && { ...data.qos, rows: data.qos.rows.slice(start, end) };
  return {
    ...data,
    labels: data.labels.slice(start, end),
    segments: data.segments.slice(start, end),
    ...(qos ? { qos } : {}),
  };
}

/** QoS intervals of a row from the host's flat `[start, end, value, …]`. */
export function qosBars(flat: readonly number[], merged: boolean): QosBar[] {
  const out: QosBar[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3)
    out.push({ start: flat[i]!, end: flat[i + 1]!, value: flat[i + 2]!, merged });
  return out;
}

function sameRange(a: TimeRange | null | undefined, b: TimeRange | null | undefined): boolean {
  if (a === null || b === null) return a === b;
  return a !== undefined && b !== undefined && a.start === b.start && a.end === b.end;
}

/** `have` covers [min, max] and is not much wider (so it is as fine as a new answer would be). */
function covers(have: TimeRange | null | undefined, min: number, max: number): boolean {
  if (!have) return false;
  return have.start <= min && have.end >= max && have.end - have.start <= 2 * (max - min);
}

/**
 * An answer serves [min, max]: it covers the range and is either unmerged or about as wide (a
 * merged answer for a range wider than the view is asked again for the view, once it came, so
 * the view ends at the finest data the host gives even when the zoom outpaced the requests).
 */
function serves(
  have: { readonly range: TimeRange | null; readonly mergeBelow: number } | undefined,
  min: number,
  max: number,
): boolean {
  const r = have?.range;
  if (!r || r.start > min || r.end < max) return false;
  return have.mergeBelow === 0 || r.end - r.start <= 1.25 * (max - min);
}

export class SwimDataState {
  private fine: SwimSegmentsVM | undefined;
  private qosAll: SwimQosVM | undefined;
  private qosFine: SwimQosVM | undefined;
  private askedSegments: TimeRange | undefined;
  private askedQos: TimeRange | null | undefined;
  private readonly labels: readonly string[];
  /** The last `data` built, until the data changes (Chart.js asks for it once a bar). */
  private built: { metric: QoeMetricVM | undefined; data: SwimData } | undefined;

  constructor(
    readonly vm: SwimlaneVM,
    private variant: QosVariantVM | undefined,
  ) {
    this.labels = vm.rows.map(axisLabel);
  }

  /** Finer data of a zoomed range is drawn. */
  get hasFine(): boolean {
    return this.fine !== undefined || this.qosFine !== undefined;
  }

  get qosVariant(): QosVariantVM | undefined {
    return this.variant;
  }

  /** The QoS answer for the whole test (its `empty` says why there is nothing), once it came. */
  get qos(): SwimQosVM | undefined {
    return this.qosAll;
  }

  setVariant(variant: QosVariantVM | undefined): void {
    this.variant = variant;
    this.built = undefined;
    this.qosAll = this.qosFine = undefined;
    this.askedQos = undefined;
  }

  data(metric: QoeMetricVM | undefined): SwimData {
    if (!this.built || this.built.metric !== metric)
      this.built = { metric, data: this.build(metric) };
    return this.built.data;
  }

  private build(metric: QoeMetricVM | undefined): SwimData {
    const fine = this.fine;
    const segments = this.vm.rows.map((r, i) =>
      overlay<SwimSegmentVM>(r.segments, fine?.rows[i], fine?.range),
    );
    const variant = this.variant;
    const all = this.qosAll;
    const labels = this.labels;
    const qoeRamp = metric ? qoeRampOf(metric, this.vm.qoeRanges?.[metric]) : undefined;
    if (!variant || !all) return { labels, segments, metric, ...(qoeRamp ? { qoeRamp } : {}) };
    const part = this.qosFine;
    const rows = this.vm.rows.map((_, i) =>
      overlay(
        qosBars(all.rows[i] ?? [], all.mergeBelow > 0),
        part && qosBars(part.rows[i] ?? [], part.mergeBelow > 0),
        part?.range,
      ),
    );
    return { labels, segments, metric, qos: { variant, rows } };
  }

  /** The requests for finer data that showing [min, max] needs (none when all is at hand). */
  wants(min: number, max: number): PostOf<typeof swimlane>[] {
    const test = this.vm.test;
    const [w0, w1] = this.vm.window;
    const whole = max - min >= 0.98 * (w1 - w0);
    const range = { start: min, end: max };
    const out: PostOf<typeof swimlane>[] = [];
    if (whole) {
      if (this.hasFine) this.built = undefined;
      this.fine = this.qosFine = undefined;
      this.askedSegments = undefined;
    } else if (this.vm.mergeBelow > 0 && !serves(this.fine, min, max)) {
      if (!covers(this.askedSegments, min, max)) {
        this.askedSegments = range;
        out.push({ type: 'swimlaneSegments', test, range });
      }
    }
    const variant = this.variant?.key;
    if (variant === undefined) return out;
    if (this.askedQos === undefined && !this.qosAll) {
      this.askedQos = null;
      out.push({ type: 'swimlaneQos', test, variant, range: null });
    } else if (!whole && (this.qosAll?.mergeBelow ?? 0) > 0 && !serves(this.qosFine, min, max)) {
      if (!covers(this.askedQos, min, max)) {
        this.askedQos = range;
        out.push({ type: 'swimlaneQos', test, variant, range });
      }
    }
    return out;
  }

  /** Takes the host's finer segments; false when they answer an older request. */
  acceptSegments(s: SwimSegmentsVM): boolean {
    if (!sameRange(s.range, this.askedSegments)) return false;
    this.askedSegments = undefined;
    this.fine = s;
    this.built = undefined;
    return true;
  }

  /** Takes the host's QoS colouring; false when it answers an older request or variant. */
  acceptQos(q: SwimQosVM): boolean {
    if (q.variant !== this.variant?.key) return false;
    if (q.range === null) {
      if (this.qosAll) return false;
      this.qosAll = q;
      this.built = undefined;
      return true;
    }
    if (!sameRange(q.range, this.askedQos)) return false;
    this.askedQos = undefined;
    this.qosFine = q;
    this.built = undefined;
    return true;
  }
}
