import { resolve } from 'node:path';
import type { EvalDefinition } from '../config/eval-definition.ts';
import type { AttemptRecord, HarnessCheck } from '../records/index.ts';
import { normalizeFinals } from '../runner/index.ts';
import type { ShardRun } from './merge-checks.ts';
import { hashRunIdentity, type RunIdentity } from './run-folder.ts';
import type { RunManifest } from './run-manifest.ts';

/**
 * run.json of the merged run: the first shard's, as a single run of the whole plan would have
 * written it (no shard in its identity, definition or settings, so its configHash is that run's),
 * with what every shard adds up to: the earliest start, the latest end, every stopped target, the
 * warm-ups' cost, the results counted again; and each shard's folder and clock offset.
 */
export function mergedManifest(
  shards: readonly ShardRun[],
  input: { folder: string; argv: string[]; records: readonly AttemptRecord[]; scheduleStartedAt?: string | undefined; offsets: ReadonlyArray<number | undefined> },
): RunManifest {
  const base = shards[0]!.manifest;
  const { shard: _shard, resumes: _resumes, harness: _harness, results: _results, finishedAt: _finishedAt, scheduleStartedAt: _start, stoppedTargets: _stopped, budgetReached: _budget, warmupCostUsd: _warmup, ...kept } = base;
  const { shard: _identityShard, ...identity } = base.identity as RunIdentity & { shard?: unknown };
  const manifests = shards.map((shard) => shard.manifest);
  const finals = normalizeFinals(input.records).filter((record) => record.final);
  const stoppedTargets = [...new Map(manifests.flatMap((manifest) => manifest.stoppedTargets ?? []).map((stopped) => [stopped.target, stopped])).values()];
  const warmups = manifests.flatMap((manifest) => (manifest.warmupCostUsd !== undefined ? [manifest.warmupCostUsd] : []));
  const harness = worstHarness(manifests.map((manifest) => manifest.harness));
  return {
    ...kept,
    runId: input.folder.split(/[\\/]/).at(-1) ?? 'merged',
    startedAt: earliest(manifests.map((manifest) => manifest.startedAt))!,
    finishedAt: latest(manifests.map((manifest) => manifest.finishedAt)) ?? new Date().toISOString(),
    status: manifests.every((manifest) => manifest.status === 'completed') ? 'completed' : 'incomplete',
    arguments: input.argv,
    // Its folder is the merged one, as a single run's would be its own.
    definition: { ...withoutShard(base.definition), ...(base.definition.out !== undefined ? { out: input.folder } : {}) },
    settings: (({ shard: _settingShard, ...settings }) => ({ ...settings, ...(settings.out !== undefined ? { out: input.folder } : {}) }))(base.settings),
    identity: identity as RunIdentity,
    configHash: hashRunIdentity(identity as RunIdentity),
    ...(stoppedTargets.length > 0 ? { stoppedTargets } : {}),
    ...(manifests.some((manifest) => manifest.budgetReached) ? { budgetReached: true } : {}),
    ...(warmups.length > 0 ? { warmupCostUsd: warmups.reduce((sum, cost) => sum + cost, 0) } : {}),
    ...(harness ? { harness } : {}),
    ...(input.scheduleStartedAt ? { scheduleStartedAt: input.scheduleStartedAt } : {}),
    results: {
      attempts: input.records.length,
      slots: finals.length,
      ok: finals.filter((record) => record.status === 'ok').length,
      errors: finals.filter((record) => record.status === 'error').length,
    },
    shards: shards.map((shard, position) => ({
      index: shard.manifest.shard!.index,
      folder: resolve(shard.folder),
      runId: shard.manifest.runId,
      status: shard.manifest.status,
      ...(shard.manifest.scheduleStartedAt ? { scheduleStartedAt: shard.manifest.scheduleStartedAt } : {}),
      ...(input.offsets[position] !== undefined ? { offsetMs: input.offsets[position] } : {}),
      ...(shard.manifest.harness ? { harness: shard.manifest.harness } : {}),
    })),
  };
}

/** The eval as a single run would have recorded it: without `load.shard` (and without an empty `load`). */
function withoutShard(definition: EvalDefinition): EvalDefinition {
  const load = (definition as { load?: Record<string, unknown> }).load;
  if (!load || !('shard' in load)) return definition;
  const { shard: _shard, ...rest } = load;
  const { load: _load, ...others } = definition as EvalDefinition & { load?: unknown };
  return (Object.keys(rest).length > 0 ? { ...others, load: rest } : others) as EvalDefinition;
}

/** A saturated shard's check (the one with most reasons): one busy machine is enough to question the figures. */
function worstHarness(checks: ReadonlyArray<HarnessCheck | undefined>): HarnessCheck | undefined {
  const known = checks.filter((check): check is HarnessCheck => check !== undefined);
  return known.toSorted((left, right) => Number(right.saturated) - Number(left.saturated) || right.reasons.length - left.reasons.length)[0];
}

const times = (values: ReadonlyArray<string | undefined>) => values.filter((value): value is string => value !== undefined && Number.isFinite(Date.parse(value))).toSorted((left, right) => Date.parse(left) - Date.parse(right));
const earliest = (values: ReadonlyArray<string | undefined>) => times(values)[0];
const latest = (values: ReadonlyArray<string | undefined>) => times(values).at(-1);
