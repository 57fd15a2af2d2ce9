// charts.js - small bar charts with Chart.js, for the dashboard.
//
// Chart.js comes from web/node_modules like Leaflet, loaded with import()
// only when a chart is shown. Its ES module build imports "@kurkle/color"
// by a bare name, which a browser cannot resolve without an import map
// (and the Content-Security-Policy refuses inline import maps); its UMD
// build has everything in one file and, loaded as a module, puts Chart
// on globalThis. No animation: commune PCs are slow, and a chart that
// moves is harder to read off.
//
// A canvas is a picture: the page that draws a chart writes its figures
// as text too (a table for screen readers, the report for copying).
import { html, useEffect, useRef, useState } from './preact.js';
import { t } from './i18n.js';

const CHART = '../node_modules/chart.js/dist/chart.umd.min.js';

let chartP = null;
export function loadChart() {
  if (!chartP) {
    chartP = import(CHART)
      .then(() => {
        if (!globalThis.Chart) throw new Error('Chart.js did not load');
        return globalThis.Chart;
      })
      .catch((e) => { chartP = null; throw e; });
  }
  return chartP;
}

// The app's colours (app.css): this period green, the one before grey.
export const COLOURS = { current: '#2c6a3d', previous: '#a3aa9f', bar: '#2f6db3' };

// A bar chart: labels along one axis, one or more datasets
// [{label, data, color}]. horizontal: bars to the right (long unit names
// read better on the left). integer: no ticks between whole numbers. fmt
// writes a value in ticks and tooltips.
// Redrawn when `data` changes (it is compared as JSON).
export function BarChart({ labels, datasets, horizontal = false, integer = false, fmt = String, height = 220, label }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  const [err, setErr] = useState(null);
  const key = JSON.stringify([labels, datasets.map((d) => [d.label, d.data]), horizontal]);

  useEffect(() => {
    let live = true;
    loadChart().then((Chart) => {
      if (!live || !canvas.current) return;
      if (chart.current) chart.current.destroy();
      Chart.defaults.font.size = 13;
      Chart.defaults.color = '#3b403b';
      const valueAxis = {
        beginAtZero: true,
        ticks: { callback: (v) => fmt(v), maxTicksLimit: 5, precision: integer ? 0 : undefined },
        grid: { color: '#e4e6df' },
      };
      chart.current = new Chart(canvas.current, {
        type: 'bar',
        data: {
          labels,
          datasets: datasets.map((d) => ({
            label: d.label, data: d.data, backgroundColor: d.color, borderRadius: 3, maxBarThickness: 36,
          })),
        },
        options: {
          indexAxis: horizontal ? 'y' : 'x',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: {
            legend: { display: datasets.length > 1, position: 'bottom' },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(horizontal ? c.parsed.x : c.parsed.y)}` } },
          },
          scales: horizontal
            ? { x: valueAxis, y: { grid: { display: false }, ticks: { autoSkip: false } } }
            : { y: valueAxis, x: { grid: { display: false } } },
        },
      });
    }).catch((e) => live && setErr(e));
    return () => { live = false; };
  }, [key]);

  useEffect(() => () => { if (chart.current) chart.current.destroy(); }, []);

  if (err) return html`<p class="muted small">${t('chart.unavailable')}</p>`;
  return html`
    <div class="chart-box" style=${`height: ${height}px`}>
      <canvas ref=${canvas} role="img" aria-label=${label}></canvas>
    </div>`;
}
