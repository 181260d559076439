/**
 * Chart.js with what line-and-scatter views need registered once (comparison view, HTML report,
 * the media-node charts of the overview and the swimlane).
 */
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LinearScale,
  Tooltip,
  Legend,
);

export { Chart };
export type { ChartDataset, Plugin } from 'chart.js';

export type XY = { x: number; y: number };
