import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Daily electricity of one building as bars; the caller disposes it with the panel. */
export function drawEnergyChart(
  container: HTMLElement,
  days: { date: string; quantity: number }[],
  unit: string,
): uPlot {
  const xs = days.map((d) => Date.parse(`${d.date.slice(0, 10)}T00:00:00Z`) / 1000);
  const ys = days.map((d) => d.quantity);
  return new uPlot(
    {
      width: 310,
      height: 150,
      legend: { show: false },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#8da2b8', grid: { stroke: '#2c3e52' } },
        { stroke: '#8da2b8', grid: { stroke: '#2c3e52' }, label: unit, size: 56 },
      ],
      series: [
        {},
        { stroke: '#4cc9f0', fill: 'rgba(76,201,240,0.35)', paths: uPlot.paths.bars?.({ size: [0.6] }) },
      ],
    },
    [xs, ys],
    container,
  );
}
