import type { NamedReporter } from './reporter.ts';
import type { RunEvent } from './run-event.ts';

/**
 * Delivers one event to every reporter, in their order, each awaited before the next. A reporter
 * that throws is a bug in that reporter: its error propagates, with nothing swallowed.
 */
export async function notifyReporters(reporters: readonly NamedReporter[], event: RunEvent): Promise<void> {
  for (const { reporter } of reporters) await reporter.onEvent?.(event);
}
