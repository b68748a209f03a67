import { BarChart } from '../vendor/chartist/index.js';
import { api, must } from './api.js';
import { byId, element } from './dom.js';
import { formatAxisLabel, formatBucket, formatNumber, formatPercent, utcDate } from './format.js';

/** @typedef {import('./api.js').Schemas} Schemas */
/** @typedef {'hour' | 'day'} Bucket */

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 };
// Room for one axis label ("29 Nov", "18:00") in pixels.
const LABEL_WIDTH = 56;

/** The summary figures and the peak-times chart of a window the operator picks (UTC dates). */
export class SalesView {
  constructor() {
    this.form = /** @type {HTMLFormElement} */ (byId('window-form'));
    this.form.elements.namedItem('from').value = utcDate(-1);
    this.form.elements.namedItem('to').value = utcDate(0);
    /** @type {BarChart | undefined} */
    this.chart = undefined;
  }

  async refresh() {
    const fields = new FormData(this.form);
    const bucket = /** @type {Bucket} */ (fields.get('bucket'));
    // The form's end date is inclusive; the API's `to` is exclusive.
    const end = new Date(`${fields.get('to')}T00:00:00Z`);
    const query = { from: `${fields.get('from')}T00:00:00Z`, to: new Date(end.getTime() + BUCKET_MS.day).toISOString() };
    const [summary, peaks] = await Promise.all([
      must(api.GET('/api/analytics/summary', { params: { query } })),
      must(api.GET('/api/analytics/peak-times', { params: { query: { ...query, bucket } } })),
    ]);
    this.showSummary(summary);
    this.showPeaks(peaks, bucket);
  }

  /** @param {Schemas['SummaryResponse']} summary */
  showSummary(summary) {
    const figures = [
      ['Tickets sold', formatNumber(summary.tickets_sold)],
      ['Revenue', summary.revenue],
      ['Bookings confirmed', formatNumber(summary.bookings_confirmed)],
      ['Bookings cancelled', formatNumber(summary.bookings_cancelled)],
      ['Requests refused', formatNumber(summary.bookings_rejected)],
      ['Success rate', formatPercent(summary.success_rate)],
      ['Utilisation, scheduled events', formatPercent(summary.utilisation)],
    ];
    byId('summary').replaceChildren(
      ...figures.map(([term, value]) => element('div', {}, element('dt', {}, term), element('dd', {}, value))),
    );
  }

  /**
   * @param {Schemas['PeakTimesResponse']} peaks
   * @param {Bucket} bucket
   */
  showPeaks(peaks, bucket) {
    const buckets = everyBucket(peaks, bucket);
    const labels = buckets.map(({ start }) => formatAxisLabel(start, bucket));
    // Read at every drawing, so a resize (a phone turned) spaces the labels again.
    const step = () => Math.ceil(buckets.length / Math.max(2, Math.floor(byId('peak-chart').clientWidth / LABEL_WIDTH)));
    const data = { labels, series: [buckets.map(({ tickets }) => tickets)] };
    const options = {
      height: '240px',
      axisY: { onlyInteger: true },
      axisX: {
        showGrid: false,
        labelInterpolationFnc: (/** @type {string} */ label, /** @type {number} */ index) => (index % step() === 0 ? label : null),
      },
    };
    if (this.chart) this.chart.update(data, options);
    else {
      this.chart = new BarChart('#peak-chart', data, options);
      // Chartist draws bars as strokes of a fixed width; fit them to the space each bar has.
      this.chart.on('draw', (/** @type {any} */ drawn) => {
        if (drawn.type === 'bar') drawn.element.attr({ style: `stroke-width: ${Math.max(2, Math.floor(drawn.axisX.stepLength * 0.7))}px` });
      });
    }

    const total = buckets.reduce((sum, { tickets }) => sum + tickets, 0);
    const busiest = buckets.reduce((best, candidate) => (candidate.tickets > best.tickets ? candidate : best), buckets[0]);
    byId('peak-chart').setAttribute(
      'aria-label',
      total === 0
        ? 'No tickets booked in this window.'
        : `${formatNumber(total)} tickets booked; the busiest ${bucket} began ${formatBucket(busiest.start, bucket)} with ${formatNumber(busiest.tickets)}.`,
    );
    byId('peak-caption').textContent = `Tickets booked per ${bucket} (UTC)`;
    const rows = peaks.buckets.map((row) =>
      element(
        'tr',
        {},
        element('td', {}, formatBucket(row.start, bucket)),
        element('td', {}, formatNumber(row.bookings)),
        element('td', {}, formatNumber(row.tickets)),
      ),
    );
    byId('peak-table')
      .querySelector('tbody')
      ?.replaceChildren(...rows);
  }
}

/**
 * The API leaves out buckets without bookings; a chart over time needs them, at zero.
 * @param {Schemas['PeakTimesResponse']} peaks
 * @param {Bucket} bucket
 */
function everyBucket(peaks, bucket) {
  const size = BUCKET_MS[bucket];
  const booked = new Map(peaks.buckets.map((row) => [Date.parse(row.start), row]));
  const all = [];
  for (let start = Math.floor(Date.parse(peaks.from) / size) * size; start < Date.parse(peaks.to); start += size) {
    all.push(booked.get(start) ?? { start: new Date(start).toISOString(), bookings: 0, tickets: 0 });
  }
  return all;
}
