import type { CommandModule } from 'yargs';

/** PLACEHOLDER (issue 15): `llm-bench estimate`. */
export const estimateCommand: CommandModule = {
  command: 'estimate',
  describe: 'estimate (not yet built)',
  handler: () => {
    throw new Error('llm-bench estimate is not built yet');
  },
};
