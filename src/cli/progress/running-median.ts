/** Values kept exactly, and sorted, before the median is read from buckets instead. */
const exactLimit = 10_000;
/** Bucket i holds values in [floor·growth^i, floor·growth^(i+1)): 1% wide. */
const growth = 1.01;
const floorMs = 0.01;
const logGrowth = Math.log(growth);

/**
 * The live progress's TTFT median of one target. Up to 10,000 values it is exact (a sorted array,
 * as stats' `percentile` interpolates it); past that, the values go into log-spaced buckets 1%
 * wide and the median is the middle of its bucket, within 0.5%: the line shows two significant
 * figures, and a million-attempt run neither holds 8 MB per target nor shifts a growing array for
 * every record.
 */
export class RunningMedian {
  private sorted: number[] | undefined = [];
  private readonly buckets = new Map<number, number>();
  private count = 0;

  add(value: number): void {
    this.count++;
    if (this.sorted !== undefined) {
      insertSorted(this.sorted, value);
      if (this.sorted.length <= exactLimit) return;
      for (const kept of this.sorted) this.addToBucket(kept);
      this.sorted = undefined;
      return;
    }
    this.addToBucket(value);
  }

  get median(): number | undefined {
    if (this.count === 0) return undefined;
    if (this.sorted !== undefined) {
      const middle = (this.sorted.length - 1) / 2;
      return (this.sorted[Math.floor(middle)]! + this.sorted[Math.ceil(middle)]!) / 2;
    }
    const rank = (this.count - 1) / 2;
    let seen = 0;
    for (const [bucket, inBucket] of [...this.buckets].sort(([left], [right]) => left - right)) {
      seen += inBucket;
      if (seen > rank) return floorMs * growth ** (bucket + 0.5);
    }
    return undefined;
  }

  private addToBucket(value: number): void {
    const bucket = Math.floor(Math.log(Math.max(value, floorMs) / floorMs) / logGrowth);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
  }
}

function insertSorted(values: number[], value: number): void {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  values.splice(low, 0, value);
}
