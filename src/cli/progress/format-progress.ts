import { formatUsd } from '../../reports/format-usd.ts';

/** `45s`, `2m05s`, `1h02m`: short enough for a line that is redrawn. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** `12/s`, `4.2/s`, `0.35/s`: two significant figures below 10. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 10) return `${Math.round(perSecond)}/s`;
  return `${Number(perSecond.toPrecision(2))}/s`;
}

/** `412ms`, `8.5ms`, `12.3s`. */
export function formatMilliseconds(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)}ms`;
  if (ms < 10_000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Whole percent; never 100 before the whole, never 0 after the first. */
export function formatShare(share: number): string {
  const percent = Math.round(share * 100);
  if (percent === 100 && share < 1) return '99%';
  if (percent === 0 && share > 0) return '1%';
  return `${percent}%`;
}

/** `$0.0123`, `$0.0123/$1` against a budget. */
export function formatSpend(spentUsd: number | undefined, maxCostUsd: number | undefined, separator = '/'): string | undefined {
  if (spentUsd === undefined && maxCostUsd === undefined) return undefined;
  const spent = `$${formatUsd(spentUsd ?? 0)}`;
  return maxCostUsd === undefined ? spent : `${spent}${separator}$${formatUsd(maxCostUsd)}`;
}
