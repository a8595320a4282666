import { open, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../reports/index.ts';
import type { AttemptRecord } from '../records/index.ts';
import { checkShards, type ShardRun } from './merge-checks.ts';
import { mergedManifest } from './merge-manifest.ts';
import { planOrderOf } from './merge-order.ts';
import { mergeRecords, scheduleOffsets } from './merge-records.ts';
import { createRunFolder, lockRunFolder, openPreviousRun } from './run-folder.ts';
import type { RunManifest } from './run-manifest.ts';

export type MergeOutcome = {
  folder: string;
  manifest: RunManifest;
  /** Incomplete shards and dropped torn lines, for the user to read: the merged run is then incomplete. */
  notes: string[];
};

/**
 * `llm-bench merge`: joins the run folders of a plan's shards (`--shard K/N`) into one new run
 * folder holding results.jsonl and run.json as a single run of the whole plan would have written
 * them, timings and dates apart. Shards of different plans, a shard missing or given twice, or one
 * still running are refused (InputError) before anything is written. The reports are left to the
 * caller, written from the folder as `llm-bench report` writes them.
 */
export async function mergeRuns(folders: readonly string[], out: string, context: { cwd: string; argv: string[] }): Promise<MergeOutcome> {
  const runs: ShardRun[] = [];
  for (const folder of folders) {
    // Read only, as `report` reads: a shard's torn last line is left for its own --resume.
    const previous = await openPreviousRun(resolve(context.cwd, folder), { command: 'merge', cutTornLine: false });
    runs.push({ folder, ...previous });
  }
  const shards = checkShards(runs);
  const { earliest, offsets } = scheduleOffsets(shards);
  const records = mergeRecords(shards, planOrderOf(shards[0]!.manifest), offsets);
  const folder = await createRunFolder(out, context.cwd, '--out');
  const unlock = await lockRunFolder(folder);
  try {
    const manifest = mergedManifest(shards, { folder, argv: context.argv, records, scheduleStartedAt: earliest, offsets });
    await writeResults(join(folder, 'results.jsonl'), records);
    await writeFileAtomic(join(folder, 'run.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { folder, manifest, notes: mergeNotes(shards) };
  } finally {
    await unlock();
  }
}

/** Written whole under another name, then renamed: a merge killed midway leaves no results.jsonl that looks complete. */
async function writeResults(path: string, records: readonly AttemptRecord[]): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  const handle = await open(temporary, 'w');
  try {
    let chunk = '';
    for (const record of records) {
      chunk += `${JSON.stringify(record)}\n`;
      if (chunk.length >= 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

function mergeNotes(shards: readonly ShardRun[]): string[] {
  return shards.flatMap((shard) => {
    const { index, count } = shard.manifest.shard!;
    const notes: string[] = [];
    if (shard.manifest.status !== 'completed') {
      const done = shard.manifest.results?.slots;
      notes.push(`Shard ${index}/${count} (${shard.folder}) is incomplete${done !== undefined ? ` (${done} slot${done === 1 ? '' : 's'} done)` : ''}: the merged run is incomplete. Complete the shard with llm-bench run --resume ${shard.folder}, then merge again.`);
    }
    if (shard.droppedTornLine) notes.push(`Shard ${index}/${count} (${shard.folder}): a half-written last line of results.jsonl was left out.`);
    return notes;
  });
}
