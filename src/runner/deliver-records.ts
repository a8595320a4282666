import type { AttemptRecord } from '../records/attempt-record.ts';

export type RecordDelivery = {
  /** Called at once for each record, side by side; returns the record to deliver in its place. */
  prepareRecord?: (record: AttemptRecord) => Promise<AttemptRecord>;
  /** Receives each prepared record, one at a time, in completion order. */
  onRecord: (record: AttemptRecord) => Promise<void> | void;
  /**
   * Keep every delivered record in `records` (default true). A long run turns it off: its records
   * are in results.jsonl, and holding them all would grow the heap with the run.
   */
  retainRecords?: boolean;
};

/**
 * Records go out one at a time, in completion order, each once `prepareRecord` (run at once, for
 * all of them side by side) has settled; `records` holds what was delivered, in the same order,
 * unless `retainRecords` is false: then it stays empty, and only records on their way are held.
 */
export function deliverRecords(dependencies: RecordDelivery) {
  const retain = dependencies.retainRecords ?? true;
  const records: AttemptRecord[] = [];
  let delivery: Promise<void> = Promise.resolve();
  const deliver = (record: AttemptRecord) => {
    // Its place is taken in completion order; the prepared record fills it once it settles.
    const index = retain ? records.push(record) - 1 : -1;
    const prepared = dependencies.prepareRecord?.(record) ?? Promise.resolve(record);
    // Its failure surfaces in turn, through `delivery`, not as an unhandled rejection before that.
    prepared.catch(() => undefined);
    delivery = delivery.then(async () => {
      const delivered = await prepared;
      if (retain) records[index] = delivered;
      await dependencies.onRecord(delivered);
    });
  };
  return { records, deliver, delivered: () => delivery };
}
