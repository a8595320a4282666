import type { CommandModule } from 'yargs';

/** PLACEHOLDER (issue 15): `llm-bench prices`. */
export const pricesCommand: CommandModule = {
  command: 'prices',
  describe: 'prices (not yet built)',
  handler: () => {
    throw new Error('llm-bench prices is not built yet');
  },
};
