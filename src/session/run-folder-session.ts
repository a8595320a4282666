import { join } from 'node:path';
import { InputError } from '../config/errors.ts';
import { writeFileAtomic } from '../reports/index.ts';
import { ResultsFile } from '../records/index.ts';
import { assertRunFolder, createRunFolder, lockRunFolder, openPreviousRun, type PreviousRun } from './run-folder.ts';
import type { RunManifest } from './run-manifest.ts';

/** A run folder this process holds (run.lock) and writes: its manifest and its results file. */
export type HeldFolder = {
  folder: string;
  resuming: boolean;
  manifestPath: string;
  writeManifest(manifest: RunManifest): Promise<void>;
  openResults(): Promise<ResultsFile>;
  unlock(): Promise<void>;
};

/**
 * The folder of a run to complete, locked before it is read: reading cuts a torn last line, which
 * must not happen under a run still writing there.
 */
export async function holdResumedFolder(folder: string): Promise<{ held: HeldFolder; previous: PreviousRun }> {
  await assertRunFolder(folder);
  const unlock = await writtenAtStart(folder, true, () => lockRunFolder(folder));
  try {
    return { held: heldFolder(folder, true, unlock), previous: await openPreviousRun(folder) };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** A new run's folder (`out`, or reports/<timestamp>-<id>), created and locked. */
export async function holdNewFolder(out: string | undefined, cwd: string, outName = '--out'): Promise<HeldFolder> {
  const folder = await createRunFolder(out, cwd, outName);
  return heldFolder(folder, false, await writtenAtStart(folder, false, () => lockRunFolder(folder), outName));
}

function heldFolder(folder: string, resuming: boolean, unlock: () => Promise<void>): HeldFolder {
  const manifestPath = join(folder, 'run.json');
  return {
    folder,
    resuming,
    manifestPath,
    unlock,
    writeManifest: (manifest) => writtenAtStart(folder, resuming, () => writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)),
    openResults: () => writtenAtStart(folder, resuming, () => ResultsFile.open(join(folder, 'results.jsonl'))),
  };
}

/**
 * A file the run writes before sending anything (run.lock, run.json, results.jsonl): an OS error
 * there (a folder of /proc or /sys, a read-only disk, no space) is the user's choice of folder,
 * refused as input with the path and the code, not a crash.
 */
async function writtenAtStart<T>(folder: string, resuming: boolean, step: () => Promise<T>, outName = '--out'): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    if (error instanceof InputError || typeof code !== 'string' || syscall === undefined) throw error;
    const where = path !== undefined && path !== folder ? `${path} (${code})` : `(${code})`;
    throw new InputError(
      resuming ? `--resume ${folder}: cannot write in the run folder: ${where}` : `cannot create the run folder ${folder}: ${where}; choose another ${outName}`,
      { cause: error },
    );
  }
}
