/**
 * The connection progression (swimlane) of a test: rows of users, QoS colouring of a variant
 * over a range, finer segments of a zoomed range, a user's QoS figures and the load knees.
 */
import { command, event } from '../ipc';
import type { SwimKneeVM, SwimlaneVM, SwimQosVM, SwimSegmentsVM, UserQosVM } from '../viewModel';
import { isName, parseRangeOrNull, parseTimeRange, userParams } from './checks';

/** `<direction>/<metric>/<media>` of a swimlane QoS variant. */
const QOS_VARIANT_KEY = /^(inbound|outbound)\/(rtt|jitter|loss|bitrate)\/(audio|video)$/;

function qosQuery(m: Readonly<Record<string, unknown>>) {
  const { test, variant } = m;
  const range = parseRangeOrNull(m['range']);
  if (!isName(test) || typeof variant !== 'string' || !QOS_VARIANT_KEY.test(variant))
    return undefined;
  return range === undefined ? undefined : { test, variant, range };
}

function segmentsQuery(m: Readonly<Record<string, unknown>>) {
  const range = parseTimeRange(m['range']);
  return isName(m['test']) && range ? { test: m['test'], range } : undefined;
}

function failureQuery(m: Readonly<Record<string, unknown>>) {
  const user = userParams(m);
  const at = m['at'];
  return user && typeof at === 'number' && Number.isFinite(at) ? { ...user, at } : undefined;
}

export const swimlane = {
  name: 'swimlane',
  inbound: {
    /** Open a user's events.json (session and user numbers as in its row). */
    openUserEvents: command('openUserEvents', userParams),
    /** The QoS figures of a user (session and user numbers as in its row). */
    swimlaneUserQos: command('swimlaneUserQos', userParams),
    /** Colour by QoS `variant` (a `QosVariantVM.key`) over `range` (null = all). */
    swimlaneQos: command('swimlaneQos', qosQuery),
    /** The segments of `range`, unmerged as far as the budget allows. */
    swimlaneSegments: command('swimlaneSegments', segmentsQuery),
    /** Open the controller log at the failure of a user nearest `at` (epoch ms). */
    openFailureLog: command('openFailureLog', failureQuery),
  },
  events: {
    swimlane: event('swimlane').carries<{ readonly swimlane: SwimlaneVM }>(),
    swimlaneQos: event('swimlaneQos').carries<{ readonly qos: SwimQosVM }>(),
    /** The test's load knees, computed after the rows are drawn. */
    swimlaneKnees: event('swimlaneKnees').carries<{
      readonly test: string;
      readonly knees: readonly SwimKneeVM[];
    }>(),
    /** Highlight the row of a user and open its details (Results view → chart). */
    revealUser: event('revealUser').carries<{ readonly session: string; readonly user: string }>(),
    swimlaneUserQos: event('swimlaneUserQos').carries<{ readonly userQos: UserQosVM }>(),
    swimlaneSegments: event('swimlaneSegments').carries<{ readonly segments: SwimSegmentsVM }>(),
  },
} as const;
