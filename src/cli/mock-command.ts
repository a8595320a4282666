import type { CommandModule } from 'yargs';

// Placeholder: replaced by the real command.
export const mockCommand: CommandModule = {
  command: 'mock',
  describe: '(not yet implemented)',
  handler: () => {
    throw new Error('mock: not implemented yet');
  },
};
