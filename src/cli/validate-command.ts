import type { CommandModule } from 'yargs';

// Placeholder: replaced by the real command.
export const validateCommand: CommandModule = {
  command: 'validate',
  describe: '(not yet implemented)',
  handler: () => {
    throw new Error('validate: not implemented yet');
  },
};
