import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';

/** `llm-bench merge DIR… --out MERGED`: joins the run folders of `--shard K/N` runs into one run folder. */
export const mergeCommand: CommandModule = {
  command: 'merge <folders..>',
  describe: "Join the run folders of a plan's shards (--shard K/N) into one run folder, as one machine would have written it",
  builder: (yargs) =>
    yargs
      .positional('folders', { type: 'string', array: true, demandOption: true, describe: "The shards' run folders, one per shard" })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'The merged run folder (new, or empty)' }),
  handler: async () => {
    throw new InputError('merge: not implemented yet');
  },
};
