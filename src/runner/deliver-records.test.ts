import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { deliverRecords } from './deliver-records.ts';

const record = (caseId: string): AttemptRecord => ({
  status: 'ok', caseId, target: 'a', prompt: 'default', repeat: 1, attempt: 1, final: true, startedAt: '', timing: {}, usage: { estimated: false }, output: caseId,
});

/** Preparations that settle when the test says, in any order: scoring that takes its time. */
function heldPreparations() {
  const pending = new Map<string, () => void>();
  const prepareRecord = (given: AttemptRecord) =>
    new Promise<AttemptRecord>((resolve) => pending.set(given.caseId, () => resolve({ ...given, output: `${given.caseId} scored` })));
  const settle = async (caseId: string) => {
    pending.get(caseId)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { prepareRecord, settle };
}

describe('deliverRecords', () => {
  it('without retention, delivers every prepared record once, in completion order, and holds none of them', async () => {
    const { prepareRecord, settle } = heldPreparations();
    const received: string[] = [];
    const delivery = deliverRecords({ retainRecords: false, prepareRecord, onRecord: (delivered) => void received.push(delivered.output) });
    for (const caseId of ['c1', 'c2', 'c3', 'c4']) delivery.deliver(record(caseId));
    // Prepared out of order: each still waits for the ones that completed before it.
    await settle('c3');
    await settle('c2');
    expect(received).toEqual([]);
    await settle('c1');
    expect(received).toEqual(['c1 scored', 'c2 scored', 'c3 scored']);
    await settle('c4');
    await delivery.delivered();
    expect(received).toEqual(['c1 scored', 'c2 scored', 'c3 scored', 'c4 scored']);
    expect(delivery.records).toEqual([]);
  });

  it('with retention (the default), holds the prepared records in completion order', async () => {
    const { prepareRecord, settle } = heldPreparations();
    const received: string[] = [];
    const delivery = deliverRecords({ prepareRecord, onRecord: (delivered) => void received.push(delivered.output) });
    for (const caseId of ['c1', 'c2']) delivery.deliver(record(caseId));
    await settle('c2');
    await settle('c1');
    await delivery.delivered();
    expect(delivery.records.map((held) => held.output)).toEqual(['c1 scored', 'c2 scored']);
    expect(received).toEqual(['c1 scored', 'c2 scored']);
  });

  it('without retention, a preparation that fails surfaces through delivered(), after the records before it', async () => {
    const received: string[] = [];
    const delivery = deliverRecords({
      retainRecords: false,
      prepareRecord: async (given) => {
        if (given.caseId === 'c2') throw new Error('judge down');
        return given;
      },
      onRecord: (delivered) => void received.push(delivered.caseId),
    });
    delivery.deliver(record('c1'));
    delivery.deliver(record('c2'));
    await expect(delivery.delivered()).rejects.toThrow('judge down');
    expect(received).toEqual(['c1']);
    expect(delivery.records).toEqual([]);
  });
});
