import { afterEach, describe, expect, it, vi } from 'vitest';
import { installInterruptHandlers } from './interrupt-handlers.ts';

describe('installInterruptHandlers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('stops scheduling at the first SIGTERM, abandons requests after the drain, and exits 130 if still stuck after the grace', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.fn();
    const handlers = installInterruptHandlers(30, { graceSeconds: 10, exit });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      expect(handlers.stop.aborted).toBe(true);
      expect(handlers.interrupt.aborted).toBe(false);
      vi.advanceTimersByTime(30_000);
      expect(handlers.interrupt.aborted).toBe(true);
      expect(exit).not.toHaveBeenCalled();
      vi.advanceTimersByTime(10_000);
      expect(exit).toHaveBeenCalledWith(130);
    } finally {
      handlers.dispose();
    }
  });

  it('takes a SIGHUP (a closed terminal, or the npm that started it gone) as it takes a SIGTERM', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.fn();
    const listenersBefore = process.listenerCount('SIGHUP');
    const handlers = installInterruptHandlers(30, { exit });
    try {
      process.emit('SIGHUP', 'SIGHUP');
      expect(handlers.stop.aborted).toBe(true);
      process.emit('SIGHUP', 'SIGHUP');
      expect(exit).toHaveBeenCalledWith(130);
    } finally {
      handlers.dispose();
    }
    expect(process.listenerCount('SIGHUP')).toBe(listenersBefore);
  });

  it('exits at once on the second signal; a run that ends in time is not cut short', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.fn();
    const handlers = installInterruptHandlers(30, { exit });
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    exit.mockClear();
    // The run wrote its reports and removed the handlers: no exit later.
    handlers.dispose();
    vi.advanceTimersByTime(60_000);
    expect(exit).not.toHaveBeenCalled();
  });

  it('exits 130 at once on a signal while the inputs are still loading, and drains as usual once sending has begun', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.fn();
    const handlers = installInterruptHandlers(30, { exit, loading: true });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      expect(exit).toHaveBeenCalledWith(130);
      exit.mockClear();
      handlers.sending();
      process.emit('SIGTERM', 'SIGTERM');
      expect(exit).not.toHaveBeenCalled();
      expect(handlers.stop.aborted).toBe(true);
    } finally {
      handlers.dispose();
    }
  });
});
