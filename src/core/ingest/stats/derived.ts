/**
 * Derived per-row values (docs/ingest-stats.md, "Derived columns").
 *
 * - `notebookPacketLoss`: the notebook's `add_user_data` formula, `packetsLost / (packetsSent +
 *   packetsReceived)`, evaluated whenever `packetsLost` and either counter exist. It needs BOTH
 *   counters (otherwise pandas raises KeyError, NOTEBOOK-QUIRKS C6/B15), which no real RTCStats
 *   report has; we never raise and report such rows as `uncomputable`.
 * - `lossRatio`: a loss ratio that is right for each report type. inbound-rtp: cumulative
 *   `packetsLost / (packetsLost + packetsReceived)`. remote-inbound-rtp (the receiver's RTCP report
 *   about our stream): its `fractionLost`, else `packetsLost / packetsSent` of the outbound-rtp it
 *   describes (`localId`). outbound-rtp: the same, read from the remote-inbound-rtp that
 *   describes it (`localId` = this report's id). remote-outbound-rtp: no loss information (NaN).
 */
type Obj = Record<string, unknown>;

export type Media = 'audio' | 'video';

/** The media containers of one stats item (`data.audio`, …, `data.remote.video`). */
export interface ItemMedia {
  readonly local: Readonly<Record<Media, Obj | undefined>>;
  readonly remote: Readonly<Record<Media, Obj | undefined>>;
}

interface SlotLike {
  readonly remote: boolean;
  readonly media: Media;
  readonly direction: 'inbound' | 'outbound';
}

export function notebookPacketLoss(report: Obj): number | 'uncomputable' | undefined {
  if (!('packetsLost' in report) || !('packetsSent' in report || 'packetsReceived' in report))
    return undefined;
  const lost = report['packetsLost'];
  const sent = report['packetsSent'];
  const received = report['packetsReceived'];
  if (typeof lost !== 'number' || typeof sent !== 'number' || typeof received !== 'number')
    return 'uncomputable';
  const total = sent + received;
  return total === 0 ? 'uncomputable' : lost / total;
}

function ratio(part: unknown, whole: unknown): number {
  return typeof part === 'number' && typeof whole === 'number' && whole > 0 ? part / whole : NaN;
}

/** The first object of `container[direction]` whose `key` equals `value`. */
function findReport(
  container: Obj | undefined,
  direction: 'inbound' | 'outbound',
  key: string,
  value: unknown,
): Obj | undefined {
  const list = container?.[direction];
  if (!Array.isArray(list) || value === undefined) return undefined;
  for (const r of list as unknown[]) {
    if (typeof r === 'object' && r !== null && (r as Obj)[key] === value) return r as Obj;
  }
  return undefined;
}

/** Loss of our sent stream from a remote-inbound-rtp report and the outbound-rtp it describes. */
function sentLoss(remoteInbound: Obj | undefined, outbound: Obj | undefined): number {
  const fraction = remoteInbound?.['fractionLost'];
  if (typeof fraction === 'number') return fraction;
  return ratio(remoteInbound?.['packetsLost'], outbound?.['packetsSent']);
}

export function lossRatio(slot: SlotLike, report: Obj, view: ItemMedia): number {
  if (!slot.remote && slot.direction === 'inbound') {
    const lost = report['packetsLost'];
    const received = report['packetsReceived'];
    return typeof lost === 'number' && typeof received === 'number'
      ? ratio(lost, lost + received)
      : NaN;
  }
  if (!slot.remote) {
    const remote = findReport(view.remote[slot.media], 'inbound', 'localId', report['id']);
    return remote ? sentLoss(remote, report) : NaN;
  }
  if (slot.direction === 'inbound') {
    const outbound = findReport(view.local[slot.media], 'outbound', 'id', report['localId']);
    return sentLoss(report, outbound);
  }
  return NaN;
}
