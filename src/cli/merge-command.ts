import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem } from '../config/limits.ts';
import { reportCommand } from './report-command.ts';

/**
 * `llm-bench merge DIR… --out MERGED`: joins the run folders of a plan's shards (`--shard K/N`)
 * into one run folder, then writes its reports as `llm-bench report` does. Exit code 2 when the
 * folders are not the complete set of shards of one plan; 3 when some shard is incomplete (the
 * merged run is written, marked incomplete).
 */
export const mergeCommand: CommandModule = {
  command: 'merge <folders..>',
  describe: "Join the run folders of a plan's shards (--shard K/N) into one run folder, as one machine would have written it",
  builder: (yargs) =>
    yargs
      .positional('folders', { type: 'string', array: true, demandOption: true, describe: "The shards' run folders, one per shard, in any order" })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'The merged run folder (new, or one without results.jsonl)' })
      .example('$0 merge results/shard-* --out results/merged', 'Join every shard of a plan into one run'),
  handler: async (argv) => {
    const folders = (argv.folders as string[]).map(String);
    const out = String(argv.out);
    // An unset CI variable must not name the current folder.
    const empty = emptyFlagProblem('out', out);
    if (empty) throw new InputError(empty);
    if (folders.some((given) => given.trim() === '')) throw new InputError('merge: expected run folders, got an empty name ""');
    // Loaded here, not at the top: `--help` and every other command would pay for it.
    const { mergeRuns } = await import('../session/merge-runs.ts');
    const { folder, manifest, notes } = await mergeRuns(folders, out, { cwd: process.cwd(), argv: process.argv.slice(2) });
    const shards = manifest.shards ?? [];
    const offsets = shards.filter((shard) => shard.offsetMs !== undefined).map((shard) => `shard ${shard.index} +${formatMs(shard.offsetMs!)}`);
    const counts = manifest.results;
    console.log(
      `Merged ${shards.length} shard${shards.length === 1 ? '' : 's'} into ${folder}: ${counts?.slots ?? 0} slots (${counts?.ok ?? 0} ok, ${counts?.errors ?? 0} failed), ${counts?.attempts ?? 0} attempts.` +
        (offsets.length > 0 ? ` Schedule clock offsets: ${offsets.join(', ')}.` : ''),
    );
    for (const note of notes) console.log(note);
    // The reports, by the code that writes a run's reports again from its folder.
    await reportCommand.handler({ _: [], $0: 'llm-bench', folder });
    if (manifest.status !== 'completed') process.exitCode = 3;
  },
};

const formatMs = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(1)} ms`;
