import { StringDecoder } from 'node:string_decoder';
import { terminalSafe } from '../reports/terminal-safe.ts';

type Write = NodeJS.WriteStream['write'];

/**
 * Everything the CLI writes to stdout and stderr, from whatever print site (console.log, yargs, a
 * notice, a worker's output), goes through `terminalSafe`: a server's message, an answer, a case
 * id or a file's contents quoted in an error cannot drive the terminal, wherever it is printed.
 * The harness writes its own escape sequences only in the live progress line (src/cli/progress),
 * which writes around this filter and makes what it quotes inert itself; nothing of ours is lost.
 */
export function installSafeTerminalOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const bound = stream.write.bind(stream) as (chunk: string, ...rest: unknown[]) => boolean;
    // A reader that went away (`llm-bench run … | head`) ends what is shown, not the run: its
    // files are still written. Later writes are dropped, as `head` would have dropped them.
    let readerGone = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      readerGone = true;
    });
    const original = (chunk: string, ...rest: unknown[]): boolean => {
      if (!readerGone) {
        try {
          return bound(chunk, ...rest);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
          readerGone = true;
        }
      }
      (rest.find((item) => typeof item === 'function') as (() => void) | undefined)?.();
      return true;
    };
    // A multi-byte character split between two Buffers is decoded whole.
    const decoder = new StringDecoder('utf8');
    const write = (chunk: unknown, ...rest: unknown[]): boolean => {
      if (typeof chunk === 'string') return original(terminalSafe(chunk), ...rest);
      if (chunk instanceof Uint8Array) {
        const callback = rest.find((item) => typeof item === 'function');
        return original(terminalSafe(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))), 'utf8', ...(callback ? [callback] : []));
      }
      return original(chunk as string, ...rest);
    };
    stream.write = write as Write;
  }
}
