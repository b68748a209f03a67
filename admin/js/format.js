const number = new Intl.NumberFormat('en');
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const localTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const utcDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const utcHour = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const utcClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export const formatNumber = (/** @type {number} */ value) => number.format(value);
export const formatCount = (/** @type {number} */ value, /** @type {string} */ noun) =>
  `${number.format(value)} ${noun}${value === 1 ? '' : 's'}`;
export const formatPercent = (/** @type {number | null} */ value) => (value === null ? '–' : percent.format(value));
export const formatLocalTime = (/** @type {string} */ iso) => localTime.format(new Date(iso));
export const formatBucket = (/** @type {string} */ iso, /** @type {'hour' | 'day'} */ bucket) =>
  (bucket === 'day' ? utcDay : utcHour).format(new Date(iso));

/** A short axis label: the day at midnight, else the hour. */
export function formatAxisLabel(/** @type {string} */ iso, /** @type {'hour' | 'day'} */ bucket) {
  const date = new Date(iso);
  return bucket === 'day' || date.getUTCHours() === 0 ? utcDay.format(date) : utcClock.format(date);
}

/** `2030-06-01T19:00:00.000Z` as the value of a datetime-local input, in the browser's zone. */
export function toLocalInput(/** @type {string} */ iso) {
  const date = new Date(iso);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A yyyy-mm-dd date `days` away from today (UTC). */
export function utcDate(/** @type {number} */ days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
