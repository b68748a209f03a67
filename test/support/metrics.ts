import { Metrics } from '../../src/metrics/metrics';
import type { TestApp } from './test-app';

/**
 * One series of the app's metrics as a scrape would read it (gauges are collected at scrape time),
 * read in-process; 0 for a series not yet there.
 */
export async function metricValue(t: TestApp, series: string): Promise<number> {
  const text = await t.app.get(Metrics).registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}
