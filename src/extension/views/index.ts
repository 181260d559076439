/**
 * The table of views: one row per view. The host registers a serializer (window reload) and the
 * commands of every row; a view's page is dist/webview-<contract.name>.js, built by
 * scripts/build.mjs from src/webview/<name>/main.ts. Adding a view: its contract
 * (src/shared/views/<view>.ts), its handler (src/extension/views/<view>.ts), its page
 * (src/webview/<view>/main.ts), a row here, and its view type and commands in package.json.
 */
import type { AnyViewKind } from '../host/view';
import { compareView } from './compare';
import { failureCausesView } from './failureCauses';
import { logViewView } from './logView';
import { overviewView } from './overview';
import { participantsView } from './participants';
import { runView } from './run';
import { statsView } from './stats';
import { swimlaneView } from './swimlane';
import { timeSeriesView } from './timeSeries';

export const VIEWS: readonly AnyViewKind[] = [
  overviewView,
  swimlaneView,
  timeSeriesView,
  statsView,
  participantsView,
  compareView,
  logViewView,
  runView,
  failureCausesView,
];
