/**
 * Chart.js, only the parts the dashboard draws (bars for the program's totals, lines per organization),
 * registered once. Loaded by dynamic import from the dashboard page only: no other page carries it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
