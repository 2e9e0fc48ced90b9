/** Tiny helpers shared by the benchmark parts. */

export const now = (): number => performance.now();

export const percentile = (sortedMs: number[], p: number): number => {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
};

export interface Measurement {
  name: string;
  /** events/s or req/s */
  rate: number;
  unit: 'events/s' | 'req/s';
  p50Ms?: number;
  p99Ms?: number;
  note?: string;
}

/** Rate and latency percentiles from a count of events, the elapsed time and per-operation latencies. */
export const summarize = (
  name: string,
  events: number,
  elapsedMs: number,
  latenciesMs: number[],
  note?: string,
): Measurement => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    name,
    rate: (events * 1000) / elapsedMs,
    unit: 'events/s',
    p50Ms: sorted.length ? percentile(sorted, 50) : undefined,
    p99Ms: sorted.length ? percentile(sorted, 99) : undefined,
    note,
  };
};

const fmt = (n: number | undefined, digits = 2): string => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
export const fmtRate = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A ratio in the unit its target is stated in: "≥ 2.5×" as times (three digits), "≥ 90%" as per cent. */
export const fmtRatio = (ratio: number, target: number): string => (target >= 2 ? `${ratio.toPrecision(3)}×` : `${(100 * ratio).toFixed(0)}%`);

/** A Markdown table (also readable in a terminal). */
export const table = (rows: Measurement[]): string =>
  [
    '| case | throughput | p50 ms | p99 ms | notes |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.name} | ${fmtRate(r.rate)} ${r.unit} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.note ?? ''} |`),
  ].join('\n');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
