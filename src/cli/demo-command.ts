import type { CommandModule } from 'yargs';

// Placeholder: replaced by the real command.
export const demoCommand: CommandModule = {
  command: 'demo',
  describe: '(not yet implemented)',
  handler: () => {
    throw new Error('demo: not implemented yet');
  },
};
