/**
 * The keyboard zoom every chart view shares: `+` or `=` zooms in, `-`
 * zooms out, ← and → pan, `0` shows everything again. Each view says what those do to its chart
 * and adds its own keys to the same map; `runKey` runs the one the user pressed.
 */

/** What a key does, by `KeyboardEvent.key`. */
export type KeyMap = Readonly<Record<string, () => void>>;

export interface ZoomActions {
  readonly zoomIn: () => void;
  readonly zoomOut: () => void;
  /** Shows what lies to the left (earlier), i.e. moves the view left. */
  readonly panLeft: () => void;
  readonly panRight: () => void;
  /** Back to the whole extent. */
  readonly reset: () => void;
}

/** The zoom and pan keys bound to `actions`. */
export function zoomKeys(actions: ZoomActions): KeyMap {
  return {
    '+': actions.zoomIn,
    '=': actions.zoomIn,
    '-': actions.zoomOut,
    ArrowLeft: actions.panLeft,
    ArrowRight: actions.panRight,
    '0': actions.reset,
  };
}

/** Runs the action of the pressed key, keeping the browser from acting on it; false if none. */
export function runKey(event: KeyboardEvent, keys: KeyMap): boolean {
  const act = keys[event.key];
  if (!act) return false;
  event.preventDefault();
  act();
  return true;
}

/** A Chart.js chart with chartjs-plugin-zoom registered (its `zoom` and `pan` methods). */
export interface ZoomableChart {
  zoom(amount: { x: number }): void;
  pan(delta: { x: number }): void;
}

/** How far one key press zooms a Chart.js time axis, and pans it (in px). */
export const CHART_ZOOM_STEP = 1.5;
export const CHART_PAN_STEP = 80;

/**
 * The zoom keys of a Chart.js time chart: zoom by `CHART_ZOOM_STEP` around the centre, pan by
 * `CHART_PAN_STEP` px, then `changed` (the view syncs what follows the range); `0` clicks the
 * view's "Reset zoom" button (`#reset-zoom`), so the key and the button do the same.
 */
export function chartZoomKeys(chart: () => ZoomableChart | undefined, changed: () => void): KeyMap {
  const zoom = (x: number) => () => {
    chart()?.zoom({ x });
    changed();
  };
  const pan = (x: number) => () => {
    chart()?.pan({ x });
    changed();
  };
  return zoomKeys({
    zoomIn: zoom(CHART_ZOOM_STEP),
    zoomOut: zoom(1 / CHART_ZOOM_STEP),
    panLeft: pan(CHART_PAN_STEP),
    panRight: pan(-CHART_PAN_STEP),
    reset: () => document.getElementById('reset-zoom')?.click(),
  });
}
