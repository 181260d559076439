/**
 * Flattens stats.json elements (FORMATS.md §1.3) into the notebook's eight QoS tables, exactly as
 * its `separate_stats` does: every report of `data.{audio,video}.{inbound,outbound}` and
 * `data.remote.{audio,video}.{inbound,outbound}` of every `event: "stats"` item becomes one row,
 * plus `user`, `session`, `peerId` (the item's) and, where the notebook's formula is computable,
 * `packetLoss`. Also counts every item kind and keeps the network scores.
 */
import type { ColumnBuilder } from './columns';
import { TableBuilder } from './columns';
import { GrowableFloat64, GrowableInt32 } from './growable';
import { DiagnosticSink } from './sink';
import {
  QOS_TABLE_NAMES,
  bump,
  emptyCounts,
  type NetworkScores,
  type QosTable,
  type QosTableName,
  type StatsCounts,
} from './model';
import { lossRatio, notebookPacketLoss, type ItemMedia, type Media } from './derived';

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Slot {
  readonly table: QosTableName;
  readonly remote: boolean;
  readonly media: Media;
  readonly direction: 'inbound' | 'outbound';
}

/** In QOS_TABLE_NAMES order. */
const SLOTS: readonly Slot[] = QOS_TABLE_NAMES.map(table => {
  const remote = table.startsWith('remote_');
  const [direction, media] = table.replace('remote_', '').split('_') as [Slot['direction'], Media];
  return { table, remote, media, direction };
});

/** Where the current element is: reused for every row of the element. */
interface ElementContext {
  index: number;
  offset: number;
  time: number;
  user: string;
  session: string;
}

class QosTableBuilder {
  readonly table = new TableBuilder();
  readonly element = new GrowableInt32(-1);
  readonly offset = new GrowableFloat64();
  readonly lossRatio = new GrowableFloat64();
  readonly packetsPerSecond = new GrowableFloat64();
  private added: ColumnBuilder[] | undefined;

  /** `user`, `session`, `peerId`: created after the first row's own keys, as pandas orders them. */
  addedColumns(): ColumnBuilder[] {
    this.added ??= ['user', 'session', 'peerId'].map(n => this.table.column(n));
    return this.added;
  }

  finish(): QosTable {
    const { rows, columns } = this.table.finish();
    return {
      rows,
      columns,
      source: new Int32Array(rows),
      element: this.element.finish(rows),
      offset: this.offset.finish(rows),
      lossRatio: this.lossRatio.finish(rows),
      packetsPerSecond: this.packetsPerSecond.finish(rows),
    };
  }
}

class ScoreBuilder {
  rows = 0;
  private readonly element = new GrowableInt32(-1);
  private readonly time = new GrowableFloat64();
  private readonly inbound = new GrowableFloat64();
  private readonly outbound = new GrowableFloat64();

  add(item: Obj, ctx: ElementContext): void {
    const r = this.rows++;
    this.element.set(r, ctx.index);
    this.time.set(r, ctx.time);
    if (typeof item['inbound'] === 'number') this.inbound.set(r, item['inbound']);
    if (typeof item['outbound'] === 'number') this.outbound.set(r, item['outbound']);
  }

  finish(): NetworkScores {
    const n = this.rows;
    return {
      rows: n,
      source: new Int32Array(n),
      element: this.element.finish(n),
      time: this.time.finish(n),
      inbound: this.inbound.finish(n),
      outbound: this.outbound.finish(n),
    };
  }
}

export interface QosBuilderOptions {
  /** Written in the `user` / `session` columns; default: the element's own `user` / `session`. */
  readonly user?: string;
  readonly session?: string;
  /** Drop LiveKit duplicate rows (same report id and timestamp). Default true. */
  readonly dedupe?: boolean;
}

function elementTime(el: Obj): number {
  const t = el['timestamp'] ?? el['@timestamp'];
  return typeof t === 'string' ? Date.parse(t) : NaN;
}

/** Builds the tables of one stats.json from its elements, in file order. */
export class QosBuilder {
  readonly counts: StatsCounts = emptyCounts();
  readonly sink: DiagnosticSink;
  private readonly tables = SLOTS.map(() => new QosTableBuilder());
  private readonly scores = new ScoreBuilder();
  /** Per table: report id → timestamps seen (undefined when not de-duplicating). */
  private readonly seen: Map<unknown, Set<unknown>>[] | undefined;
  private readonly ctx: ElementContext = { index: 0, offset: 0, time: NaN, user: '', session: '' };
  private firstUser: string | undefined;
  private firstSession: string | undefined;

  constructor(
    file: string,
    private readonly options: QosBuilderOptions = {},
  ) {
    this.sink = new DiagnosticSink(file);
    this.seen = options.dedupe === false ? undefined : SLOTS.map(() => new Map());
  }

  /** The user/session written in the rows (options, else the first element's). */
  get user(): string {
    return this.options.user ?? this.firstUser ?? '';
  }

  get session(): string {
    return this.options.session ?? this.firstSession ?? '';
  }

  addElement(el: unknown, index: number, offset: number): void {
    this.counts.elements++;
    const path = `[${index}]`;
    if (!isObject(el)) {
      this.sink.add(
        'warning',
        'stats.notObject',
        `Element ${path} is not an object; skipped.`,
        path,
      );
      return;
    }
    this.setContext(el, index, offset);
    const items = el['webrtcStats'];
    if (!Array.isArray(items)) {
      const what =
        items === undefined ? 'has no webrtcStats' : 'has a webrtcStats that is not an array';
      this.sink.add(
        'warning',
        'stats.noWebrtcStats',
        `Element ${path} ${what}; skipped.`,
        `${path}.webrtcStats`,
      );
      return;
    }
    for (let j = 0; j < items.length; j++) this.addItem(items[j], j);
  }

  private setContext(el: Obj, index: number, offset: number): void {
    const ctx = this.ctx;
    ctx.index = index;
    ctx.offset = offset;
    ctx.time = elementTime(el);
    const user = typeof el['user'] === 'string' ? el['user'] : undefined;
    const session = typeof el['session'] === 'string' ? el['session'] : undefined;
    this.firstUser ??= user;
    this.firstSession ??= session;
    ctx.user = this.options.user ?? user ?? '';
    ctx.session = this.options.session ?? session ?? '';
  }

  private addItem(item: unknown, j: number): void {
    if (isObject(item)) {
      const event = item['event'];
      if (event === 'stats') return this.addStats(item, j);
      if (event !== undefined) return bump(this.counts.timelineEvents, String(event));
      if ('reason' in item && 'type' in item)
        return bump(this.counts.issues, String(item['reason']));
      if ('statsSamples' in item) {
        this.counts.networkScores++;
        return this.scores.add(item, this.ctx);
      }
    }
    this.counts.unknownItems++;
    const path = `[${this.ctx.index}].webrtcStats[${j}]`;
    this.sink.add(
      'warning',
      'stats.unknownItem',
      `Item ${path} is not a stats, timeline, issue or network-score item; counted, not loaded.`,
      path,
    );
  }

  /** The object at `parent[key]`, or a diagnostic and undefined. */
  private child(parent: Obj | undefined, key: string, path: string): Obj | undefined {
    if (parent === undefined) return undefined;
    const v = parent[key];
    if (isObject(v)) return v;
    const what = v === undefined ? 'is missing' : 'is not an object';
    this.sink.add(
      'warning',
      'stats.badData',
      `${path}.${key} ${what}; its reports are not loaded.`,
      `${path}.${key}`,
    );
    return undefined;
  }

  private addStats(item: Obj, j: number): void {
    this.counts.statsItems++;
    const path = `[${this.ctx.index}].webrtcStats[${j}]`;
    const data = this.child(item, 'data', path);
    if (!data) return;
    const dataPath = `${path}.data`;
    const remote = this.child(data, 'remote', dataPath);
    const view: ItemMedia = {
      local: {
        audio: this.child(data, 'audio', dataPath),
        video: this.child(data, 'video', dataPath),
      },
      remote: {
        audio: this.child(remote, 'audio', `${dataPath}.remote`),
        video: this.child(remote, 'video', `${dataPath}.remote`),
      },
    };
    for (let s = 0; s < SLOTS.length; s++) {
      const slot = SLOTS[s] as Slot;
      const container = (slot.remote ? view.remote : view.local)[slot.media];
      if (!container) continue;
      const listPath = `${dataPath}${slot.remote ? '.remote' : ''}.${slot.media}.${slot.direction}`;
      this.addList(s, container[slot.direction], item['peerId'], view, listPath);
    }
  }

  private addList(s: number, list: unknown, peerId: unknown, view: ItemMedia, path: string): void {
    if (!Array.isArray(list)) {
      const what = list === undefined ? 'is missing' : 'is not an array';
      this.sink.add('warning', 'stats.badList', `${path} ${what}; skipped.`, path);
      return;
    }
    for (let k = 0; k < list.length; k++) {
      const report: unknown = list[k];
      if (isObject(report)) this.addReport(s, report, peerId, view);
      else {
        this.counts.badReports++;
        this.sink.add(
          'warning',
          'stats.badReport',
          `${path}[${k}] is not an object; skipped.`,
          `${path}[${k}]`,
        );
      }
    }
  }

  /** True for a report whose (id, timestamp) this table already has (LiveKit shared PCs). */
  private isDuplicate(s: number, report: Obj): boolean {
    const id = report['id'];
    if (this.seen === undefined || id === undefined) return false;
    const byId = this.seen[s] as Map<unknown, Set<unknown>>;
    const timestamp = report['timestamp'];
    const times = byId.get(id);
    if (times === undefined) {
      byId.set(id, new Set([timestamp]));
      return false;
    }
    if (times.has(timestamp)) {
      this.counts.duplicateRows++;
      return true;
    }
    times.add(timestamp);
    return false;
  }

  private addReport(s: number, report: Obj, peerId: unknown, view: ItemMedia): void {
    if (this.isDuplicate(s, report)) return;
    const t = this.tables[s] as QosTableBuilder;
    const slot = SLOTS[s] as Slot;
    const ctx = this.ctx;
    const row = t.table.addObject(report);
    const [user, session, peer] = t.addedColumns() as [ColumnBuilder, ColumnBuilder, ColumnBuilder];
    user.set(row, ctx.user);
    session.set(row, ctx.session);
    peer.set(row, peerId);
    const loss = notebookPacketLoss(report);
    if (loss === 'uncomputable') this.counts.packetLossUncomputable++;
    else if (loss !== undefined) t.table.column('packetLoss').set(row, loss);
    t.element.set(row, ctx.index);
    t.offset.set(row, ctx.offset);
    t.lossRatio.set(row, lossRatio(slot, report, view));
    const rate = report['packetRate'];
    if (typeof rate === 'number') t.packetsPerSecond.set(row, rate / 8);
  }

  finishTables(): Record<QosTableName, QosTable> {
    const out = {} as Record<QosTableName, QosTable>;
    SLOTS.forEach((slot, s) => {
      const table = (this.tables[s] as QosTableBuilder).finish();
      out[slot.table] = table;
      this.counts.rows[slot.table] = table.rows;
    });
    return out;
  }

  finishScores(): NetworkScores {
    return this.scores.finish();
  }
}
