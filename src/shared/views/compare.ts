/** The comparison of two or more tests: the host sends the whole view model once. */
import { event } from '../ipc';
import type { CompareViewVM } from '../compareView';

export const compare = {
  name: 'compare',
  inbound: {},
  events: {
    comparison: event('comparison').carries<{ readonly comparison: CompareViewVM }>(),
  },
} as const;
