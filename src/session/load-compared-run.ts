import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../config/errors.ts';
import { formatPath } from '../config/format-issues.ts';
import { readInputFile } from '../config/read-input-file.ts';
import { caseKey, readResults, type AttemptRecord, type CaseIdentity } from '../records/index.ts';
import type { ComparedRun } from '../records/compared-run.ts';
import { normalizeFinals } from '../runner/index.ts';
import { pairKey } from '../stats/pair-key.ts';
import type { AnswerSettings } from '../stats/setting-warnings.ts';

export type { ComparedRun } from '../records/compared-run.ts';

/** A run folder as compare reads it, with the settings that change answers (for its warnings). */
export type LoadedRun = ComparedRun & { answerSettings?: AnswerSettings };

/**
 * What `compare` reads of run.json. Loose, as `report` reads it: a later llm-bench's fields are
 * ignored, and a run from before case hashes (or from before prompt variants were recorded) loads.
 */
const comparedManifest = z.looseObject({
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: z.string(),
  identity: z.looseObject({ prompts: z.array(z.string()) }).optional(),
  settings: z.looseObject({ temperature: z.number().optional(), maxTokens: z.number().optional(), judge: z.string().optional() }).optional(),
  targets: z.array(
    z.looseObject({ label: z.string(), simulated: z.boolean(), model: z.string().optional(), route: z.string().optional(), endpoint: z.string().optional() }),
  ),
  datasets: z
    .array(z.looseObject({ name: z.string(), cases: z.number().int().min(0), caseHashes: z.record(z.string(), z.string()).optional() }))
    .optional(),
});
export type ComparedManifest = z.infer<typeof comparedManifest>;

/**
 * A run folder, read only (a torn last line of results.jsonl is left out, not cut): its plan from
 * run.json, its records from results.jsonl, and each planned case's content hash. A folder that
 * holds no run, or holds a damaged one, is an InputError naming the folder as it was given.
 */
export async function loadComparedRun(folder: string): Promise<LoadedRun> {
  const manifest = await readComparedManifest(folder);
  return comparedRunFrom(folder, manifest, await readRecords(folder));
}

/**
 * loadComparedRun's answer from what it read: run.json as readComparedManifest checked it, and the
 * run's records (every attempt; the latest of each slot is made its final). Pure, so that a run's
 * gates compare the records it holds instead of reading its own results.jsonl back.
 */
export function comparedRunFrom(folder: string, manifest: ComparedManifest, allRecords: readonly AttemptRecord[]): LoadedRun {
  const records = normalizeFinals(allRecords);
  const { cases, caseHashes } = plannedCases(manifest, records);
  return {
    folder,
    runId: manifest.runId,
    startedAt: manifest.startedAt,
    ...(manifest.finishedAt !== undefined ? { finishedAt: manifest.finishedAt } : {}),
    incomplete: manifest.status !== 'completed',
    simulatedTargets: manifest.targets.filter((target) => target.simulated).map((target) => target.label),
    records,
    caseHashes,
    ...(manifest.datasets ? { datasets: manifest.datasets.map((dataset) => dataset.name) } : {}),
    cases,
    pairs: plannedPairs(manifest, records),
    ...(manifest.settings ? { answerSettings: answerSettingsOf(manifest) } : {}),
  };
}

/** run.json of a run folder, checked as compare reads it; an InputError naming the folder as given. */
export async function readComparedManifest(folder: string): Promise<ComparedManifest> {
  const folderStats = await stat(folder).catch(() => undefined);
  if (!folderStats) throw new InputError(`${folder}: no such run folder`);
  if (!folderStats.isDirectory()) throw new InputError(`${folder}: not a run folder (a file, not a folder)`);
  const path = join(folder, 'run.json');
  if (!(await stat(path).catch(() => undefined))) throw new InputError(`${folder}: not a run folder (no run.json)`);
  let value: unknown;
  try {
    value = JSON.parse((await readInputFile({ path, what: 'run manifest', maxBytes: 2 ** 24 })).toString('utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'not JSON' : (error as Error).message;
    throw new InputError(`${folder}: cannot read run.json (${why})`, { cause: error });
  }
  const checked = comparedManifest.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new InputError(`${folder}: run.json is damaged (${issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ''}${issue.message})`);
  }
  // The file as written, not zod's copy: a case id `__proto__` stays an own key of caseHashes.
  return value as ComparedManifest;
}

async function readRecords(folder: string): Promise<AttemptRecord[]> {
  try {
    return (await readResults(join(folder, 'results.jsonl'), { cutTornLine: false })).records;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`${folder}: cannot read results.jsonl (${code})`, { cause: error });
  }
}

/**
 * Every planned case, in dataset order, from run.json's case hashes. A run from before them gives
 * the cases it has records of, in the order they were first sent (the plan's, so dataset order),
 * and no hashes. Cases carry their dataset's name only when the run had several datasets, as
 * records do.
 */
function plannedCases(manifest: ComparedManifest, records: readonly AttemptRecord[]): { cases: CaseIdentity[]; caseHashes: Map<string, string> | undefined } {
  const datasets = manifest.datasets ?? [];
  if (datasets.length === 0 || datasets.some((dataset) => dataset.caseHashes === undefined)) {
    const seen = new Map<string, CaseIdentity>();
    for (const record of records) {
      const key = caseKey(record);
      if (!seen.has(key)) seen.set(key, { ...(record.dataset !== undefined ? { dataset: record.dataset } : {}), caseId: record.caseId });
    }
    return { cases: [...seen.values()], caseHashes: undefined };
  }
  const cases: CaseIdentity[] = [];
  const caseHashes = new Map<string, string>();
  for (const dataset of datasets) {
    // JSON object order, which is the dataset's, except that ids like "7" (array indices) come first.
    for (const [caseId, hash] of Object.entries(dataset.caseHashes ?? {})) {
      const identity: CaseIdentity = datasets.length > 1 ? { dataset: dataset.name, caseId } : { caseId };
      cases.push(identity);
      caseHashes.set(caseKey(identity), hash);
    }
  }
  return { cases, caseHashes };
}

/** What the run was sent with that changes answers: settingWarnings compares two of these. */
function answerSettingsOf(manifest: ComparedManifest): AnswerSettings {
  const settings = manifest.settings ?? {};
  const prompts = new Map<string, string | undefined>();
  for (const prompt of manifest.identity?.prompts ?? []) {
    const match = / ([0-9a-f]{64})$/.exec(prompt);
    prompts.set(match ? prompt.slice(0, match.index) : prompt, match?.[1]);
  }
  return {
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
    ...(settings.judge !== undefined ? { judge: settings.judge } : {}),
    targets: manifest.targets.map((target) => ({
      label: target.label,
      model: target.model ?? '',
      ...(target.route !== undefined ? { route: target.route } : {}),
      ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
      simulated: target.simulated,
    })),
    prompts,
  };
}

/**
 * (target, prompt) pairs as the run planned them: every prompt variant × every target (see
 * planRun); then any pair that only the records name (a run.json from before prompt variants).
 */
function plannedPairs(manifest: ComparedManifest, records: readonly AttemptRecord[]): Array<{ target: string; prompt: string }> {
  // A prompt variant is recorded as `label sha256`, or `default`.
  const prompts = (manifest.identity?.prompts ?? []).map((prompt) => prompt.replace(/ [0-9a-f]{64}$/, ''));
  const pairs = new Map<string, { target: string; prompt: string }>();
  for (const prompt of prompts) for (const { label } of manifest.targets) pairs.set(pairKey({ target: label, prompt }), { target: label, prompt });
  for (const { target, prompt } of records) if (!pairs.has(pairKey({ target, prompt }))) pairs.set(pairKey({ target, prompt }), { target, prompt });
  return [...pairs.values()];
}
