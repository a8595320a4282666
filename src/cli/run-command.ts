import type { CommandModule } from 'yargs';

// Placeholder: replaced by the real command.
export const runCommand: CommandModule = {
  command: 'run',
  describe: '(not yet implemented)',
  handler: () => {
    throw new Error('run: not implemented yet');
  },
};
