import { createHash, randomBytes } from 'node:crypto';
import { link, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../config/errors.ts';
import { formatPath } from '../config/format-issues.ts';
import { makeDirectory, processExists, readResults, removeLeftoverTemporaries, type AttemptRecord } from '../records/index.ts';
import { endsTorn } from '../records/read-results.ts';
import type { EvalDefinition } from '../config/eval-definition.ts';
import { definitionOfSettings, type GivenSettings, type TargetSetting } from '../config/settings/eval-settings.ts';
import type { RunManifest } from './run-manifest.ts';
import { readInputFile } from '../config/read-input-file.ts';

/**
 * What `report` and `--resume` read from run.json. Loose: the rest is kept as written; settings
 * are checked as flags are, when the resume validates them.
 */
const manifestShape = z.looseObject({
  runId: z.string(),
  startedAt: z.string(),
  status: z.string(),
  finishedAt: z.string().optional(),
  settings: z.looseObject({ prompt: z.array(z.string()).optional(), judge: z.string().optional() }),
  targetSpecs: z.array(z.string()),
  configHash: z.string(),
  identity: z.looseObject({ datasetSha256: z.string(), targets: z.array(z.union([z.string(), z.looseObject({ target: z.string() })])), prompts: z.array(z.string()), repeats: z.number().int().min(1) }),
  dataset: z.looseObject({ path: z.string(), sha256: z.string(), cases: z.number().int().min(0) }),
  targets: z.array(z.looseObject({ label: z.string(), simulated: z.boolean() })),
  warmupCostUsd: z.number().min(0).optional(),
});

export type PreviousRun = { manifest: RunManifest; records: AttemptRecord[]; droppedTornLine: boolean };

/** A new run's folder: `--out`, or `reports/<timestamp>-<id>`, from `cwd`. Never one that holds results. */
export async function createRunFolder(out: string | undefined, cwd = process.cwd(), outName = '--out'): Promise<string> {
  const folder = out
    ? resolve(cwd, out)
    : resolve(cwd, 'reports', `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z')}-${randomBytes(3).toString('hex')}`);
  let entries: string[];
  try {
    await makeDirectory(folder);
    // A folder that exists but may not be read (EACCES) is refused as one that cannot be made.
    entries = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot create the run folder ${folder} (${code}); choose another ${outName}`, { cause: error });
  }
  if (entries.includes('results.jsonl')) {
    throw new InputError(`${folder} already holds a run's results.jsonl; choose another ${outName}, or complete it with llm-bench run --resume ${folder}`);
  }
  return folder;
}

/** Refuses, before anything is written there, a folder that holds no run (a typo, a file). */
export async function assertRunFolder(folder: string): Promise<void> {
  const manifest = await stat(join(folder, 'run.json')).catch(() => undefined);
  if (manifest?.isFile()) return;
  const sweep = await stat(join(folder, 'sweep.json')).catch(() => undefined);
  if (sweep?.isFile()) {
    throw new InputError(`--resume ${folder}: a sweep's folder; a sweep is not resumed: run it again, or complete one of its steps with --resume ${join(folder, 'step-…')}`);
  }
  throw new InputError(`--resume ${folder}: not an llm-bench run folder (no run.json there)`);
}

/**
 * The run to complete with `--resume` (or to report again): its manifest and every record
 * committed so far. Temporary files left by a process killed mid-write are removed.
 */
export async function openPreviousRun(
  folder: string,
  {
    command = '--resume',
    cutTornLine = true,
    records: readRecords = true,
  }: {
    command?: string;
    cutTornLine?: boolean;
    /** false: the manifest only, with `records: []` (a run too large to hold is then read with scanResults). */
    records?: boolean;
  } = {},
): Promise<PreviousRun> {
  const manifestPath = join(folder, 'run.json');
  let manifest: RunManifest;
  try {
    manifest = JSON.parse((await readInputFile({ path: manifestPath, what: 'run manifest', maxBytes: 2 ** 24 })).toString('utf8')) as RunManifest;
  } catch (error) {
    throw new InputError(`${command} ${folder}: cannot read ${manifestPath}; is it an llm-bench run folder?`, { cause: error });
  }
  if (!manifest?.configHash || !manifest.targetSpecs) {
    throw new InputError(`${command} ${folder}: ${manifestPath} was written by an llm-bench too old for this`);
  }
  const checked = manifestShape.safeParse(manifest);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new InputError(`${command} ${folder}: ${manifestPath} is damaged (${formatPath(issue.path)}: ${issue.message})`);
  }
  try {
    const { records, droppedTornLine } = readRecords
      ? await readResults(join(folder, 'results.jsonl'), { cutTornLine })
      : { records: [], droppedTornLine: await endsTorn(join(folder, 'results.jsonl')) };
    // A run killed while writing its reports left `<report>.tmp-<pid>` beside them.
    await removeLeftoverTemporaries(folder);
    return { manifest, records, droppedTornLine };
  } catch (error) {
    // A folder that may not be read or written (a read-only disk, another user's run) is the
    // user's to fix, named with its path and code, not a crash.
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    if (error instanceof InputError || typeof code !== 'string' || syscall === undefined) throw error;
    throw new InputError(`${command} ${folder}: cannot read or tidy the run folder: ${path ?? folder} (${code})`, { cause: error });
  }
}

/**
 * The eval a run folder recorded, for `--resume` to run again. A run.json of an earlier
 * llm-bench gives its flags instead.
 */
export async function recordedDefinition(folder: string): Promise<EvalDefinition> {
  let manifest: Partial<RunManifest> & { settings?: Record<string, unknown> };
  try {
    manifest = JSON.parse((await readInputFile({ path: join(folder, 'run.json'), what: 'run manifest', maxBytes: 2 ** 24 })).toString('utf8')) as RunManifest;
  } catch (error) {
    throw new InputError(`--resume ${folder}: cannot read ${join(folder, 'run.json')}; is it an llm-bench run folder?`, { cause: error });
  }
  if (manifest === null || typeof manifest !== 'object') throw new InputError(`--resume ${folder}: ${join(folder, 'run.json')} is damaged (not an object)`);
  if (manifest.definition && typeof manifest.definition === 'object') return manifest.definition;
  return legacyDefinition(manifest ?? {});
}

/** run.json before eval files: flat settings, the target specs and one dataset path. */
function legacyDefinition(manifest: Partial<RunManifest> & { settings?: Record<string, unknown> }): EvalDefinition {
  const { prompt, cacheDir: _cacheDir, ...flat } = (manifest.settings ?? {}) as Record<string, unknown>;
  return definitionOfSettings({
    ...(flat as GivenSettings),
    ...(manifest.dataset?.path ? { datasets: [manifest.dataset.path] } : {}),
    ...(manifest.targetSpecs ? { targets: manifest.targetSpecs } : {}),
    ...(Array.isArray(prompt) ? { prompts: prompt as string[] } : {}),
  });
}

/** What decides a run's results: if any of it changes, earlier results no longer belong to the run. */
export type RunIdentity = {
  datasetSha256: string;
  /** As given: a spec, or a spec with its own label, settings and provider options. */
  targets: Array<string | TargetSetting>;
  prompts: string[];
  repeats: number;
  maxTokens?: number;
  temperature?: number;
  /** Scores depend on the judge too. */
  judge?: string;
  /** --synthetic shapes: the generated cases also depend on --seed, which the dataset hash covers. */
  synthetic?: string[];
};

export function hashRunIdentity(identity: RunIdentity): string {
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** Names what differs, for the refusal message. */
export function describeIdentityChanges(before: RunIdentity | undefined, after: RunIdentity): string[] {
  if (!before) return ['the run identity'];
  return (Object.keys(after) as Array<keyof RunIdentity>)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) =>
      key === 'datasetSha256'
        ? after.synthetic !== undefined
          ? 'the datasets (their files, or the --synthetic cases: their shapes or --seed)'
          : 'the dataset file (or the files a dataset glob matches)'
        : key,
    );
}

/**
 * Holds `run.lock` in the run folder while a run writes into it: two `--resume`s of one folder
 * at once would both send (and pay for) the missing slots. A lock left by a process that no
 * longer exists (killed, or a second Ctrl-C) is taken over, by one process only: taking over
 * needs `run.lock.takeover`, created exclusively, and its holder removes the stale lock only
 * after reading again that it is stale. Without that, two processes could each remove the
 * other's fresh lock: 4 processes started at once on a stale lock got two winners in 1 of 4
 * tries. Lock files also appear whole, as an empty one read mid-write looks like a dead
 * process's.
 */
export async function lockRunFolder(folder: string): Promise<() => Promise<void>> {
  // Two runs of one process (through the API) cannot tell each other by the pid in the lock.
  const held = resolve(folder);
  if (heldHere.has(held)) throw new InputError(`${folder} is being written by another run of this process; wait for it to end`);
  heldHere.add(held);
  try {
    const unlock = await lockAcrossProcesses(folder);
    return async () => {
      heldHere.delete(held);
      await unlock();
    };
  } catch (error) {
    heldHere.delete(held);
    throw error;
  }
}

/** The run folders this process holds. */
const heldHere = new Set<string>();

async function lockAcrossProcesses(folder: string): Promise<() => Promise<void>> {
  const lockPath = join(folder, 'run.lock');
  const takeoverPath = `${lockPath}.takeover`;
  const liveOther = (holder: number | undefined): holder is number => holder !== undefined && holder !== process.pid && processExists(holder);
  for (let tries = 0; tries < 100; tries++) {
    if (await createWithPid(lockPath)) return () => rm(lockPath, { force: true });
    const holder = await lockHolder(lockPath);
    if (liveOther(holder)) {
      throw new InputError(`${folder} is being written by another llm-bench (process ${holder}); wait for it to end, or stop it first`);
    }
    if (!(await createWithPid(takeoverPath))) {
      // Another process is taking over; unless it died doing so, wait for it and look again.
      if (!liveOther(await lockHolder(takeoverPath))) await rm(takeoverPath, { force: true });
      else await sleep(20);
      continue;
    }
    try {
      if (!liveOther(await lockHolder(lockPath))) await rm(lockPath, { force: true });
    } finally {
      await rm(takeoverPath, { force: true });
    }
  }
  throw new InputError(`${folder}: could not take run.lock; is another llm-bench starting there?`);
}

/**
 * Creates `path` holding this process's id, or returns false if it exists. The file appears
 * whole (linked from a finished temporary file): read half-written, an empty lock would look
 * like a dead process's.
 */
async function createWithPid(path: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, `${process.pid}\n`);
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  // A file system without hard links: create it exclusively, then write (a short window).
  try {
    await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function lockHolder(path: string): Promise<number | undefined> {
  // Read as any input is: a FIFO in its place would block the read for good.
  const text = await readInputFile({ path, what: 'lock file', maxBytes: 64 }).then((bytes) => bytes.toString('utf8'), () => '');
  const holder = Number.parseInt(text, 10);
  return Number.isInteger(holder) ? holder : undefined;
}

