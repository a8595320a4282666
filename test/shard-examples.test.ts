import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import yargs, { type CommandModule } from 'yargs';
import { mergeCommand } from '../src/cli/merge-command.ts';
import { runCommand } from '../src/cli/run-command.ts';
import { parseShard } from '../src/runner/shard-plan.ts';

const example = (path: string) => readFile(new URL(`../examples/${path}`, import.meta.url), 'utf8');
const documents = async (path: string) => {
  const parsed = parseAllDocuments(await example(path));
  for (const document of parsed) expect(document.errors).toEqual([]);
  return parsed.map((document) => document.toJS() as Record<string, any>);
};

/** A command line as the shell would split it (the examples quote nothing). */
const words = (command: string) => command.trim().split(/\s+/);

/**
 * Parses argv with the command's own yargs options, strictly, without running it: an unknown or
 * misspelled flag, or one without its value, fails here as it would for the user.
 */
async function parseStrictly(command: CommandModule, argv: string[]): Promise<Record<string, unknown>> {
  let parsed: Record<string, unknown> | undefined;
  await yargs(argv)
    .command({ ...command, handler: (args) => void (parsed = args) })
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  if (!parsed) throw new Error(`not parsed: ${argv.join(' ')}`);
  return parsed;
}

describe('examples/kubernetes: an Indexed Job of shards and a merge Job', () => {
  it('runs N pods, shard JOB_COMPLETION_INDEX+1 of N each, into folders the merge Job reads, on the same volume', async () => {
    const shardDocuments = await documents('kubernetes/llm-bench-shards.yaml');
    const job = shardDocuments.find((document) => document.kind === 'Job')!;
    const claim = shardDocuments.find((document) => document.kind === 'PersistentVolumeClaim')!;
    const evalFile = shardDocuments.find((document) => document.kind === 'ConfigMap')!;
    expect(job.spec.completionMode).toBe('Indexed');
    const count = job.spec.completions as number;
    expect(count).toBe(3);
    expect(job.spec.parallelism).toBe(count);
    const pod = job.spec.template.spec;
    const container = pod.containers[0];
    const command = container.args.join(' ') as string;
    expect(command).toContain('--shard $((JOB_COMPLETION_INDEX+1))/3');
    expect(command).toContain('--out /results/shard-$JOB_COMPLETION_INDEX');
    expect(container.volumeMounts.find((mount: { name: string }) => mount.name === 'results').mountPath).toBe('/results');
    expect(pod.volumes.find((volume: { name: string }) => volume.name === 'results').persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(Object.keys(evalFile.data)).toEqual(['llm-bench.yaml']);

    const folders: string[] = [];
    for (let index = 0; index < count; index++) {
      // What the pod's shell makes of it.
      const argv = words(command.replaceAll('$((JOB_COMPLETION_INDEX+1))', String(index + 1)).replaceAll('$JOB_COMPLETION_INDEX', String(index))).slice(1);
      const parsed = await parseStrictly(runCommand, argv);
      expect(parseShard(parsed.shard as string)).toEqual({ index: index + 1, count });
      folders.push(parsed.out as string);
    }
    expect(new Set(folders).size).toBe(count);

    const [merge] = await documents('kubernetes/llm-bench-merge.yaml');
    const mergePod = merge!.spec.template.spec;
    const mergeArgv = words(mergePod.containers[0].args.join(' ')).slice(1);
    const merged = await parseStrictly(mergeCommand, mergeArgv);
    expect(merged.folders).toEqual(folders);
    expect(merged.out).toBe('/results/merged');
    expect(mergePod.volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
  });
});

describe('examples/github-actions: a matrix of shards and a merge job', () => {
  it('runs shard k of N for k in the matrix, uploads each folder, and merges the folders the download makes', async () => {
    const [workflow] = await documents('github-actions/llm-bench-shards.yml');
    const { schedule, shard, merge } = workflow!.jobs;
    expect(schedule.outputs.start_at).toBeDefined();
    const indices = shard.strategy.matrix.shard as number[];
    expect(indices).toEqual([1, 2, 3]);
    const runStep = shard.steps.find((step: { run?: string }) => step.run?.includes('llm-bench.js run'));
    const upload = shard.steps.find((step: { uses?: string }) => step.uses?.startsWith('actions/upload-artifact'));
    expect(upload.if).toBe('always()');
    expect(merge.needs).toBe('shard');
    expect(merge.if).toBe('always()');
    const download = merge.steps.find((step: { uses?: string }) => step.uses?.startsWith('actions/download-artifact'));
    const mergeStep = merge.steps.find((step: { run?: string }) => step.run?.includes('llm-bench.js merge'));

    const downloaded: string[] = [];
    for (const index of indices) {
      const fill = (text: string) => text.replaceAll('${{ matrix.shard }}', String(index)).replaceAll('${{ needs.schedule.outputs.start_at }}', '2026-12-07T15:00:00Z');
      const parsed = await parseStrictly(runCommand, words(fill(runStep.run)).slice(2));
      expect(parseShard(parsed.shard as string)).toEqual({ index, count: indices.length });
      expect(parsed.startAt ?? parsed['start-at']).toBe('2026-12-07T15:00:00Z');
      expect(fill(upload.with.path)).toBe(parsed.out);
      // download-artifact with a pattern puts each artifact in a folder named after it, under `path`.
      const name = fill(upload.with.name);
      expect(name).toMatch(new RegExp(`^${download.with.pattern.replace('*', '.*')}$`));
      downloaded.push(`${download.with.path}/${name}`);
    }
    const merged = await parseStrictly(mergeCommand, words(mergeStep.run).slice(2));
    expect(merged.folders).toEqual(downloaded);
  });
});

describe('the strict parse the examples go through', () => {
  it('fails on a misspelled flag and on a flag without its value, as the CLI would', async () => {
    await expect(parseStrictly(runCommand, ['run', '--shards', '1/3'])).rejects.toThrow(/Unknown argument/);
    await expect(parseStrictly(mergeCommand, ['merge', 'a', 'b'])).rejects.toThrow(/out/);
  });
});
