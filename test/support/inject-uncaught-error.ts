// Preloaded with `node --import` by test/hostile-outputs.test.ts: a stand-in for a bug that throws
// outside any await of the CLI (in a timer or a stream callback), whose message quotes a key and
// a server's terminal escapes. Node would print it itself, raw.
// A microtask, not setImmediate: the CLI exits as soon as its output is flushed (main.ts), which a
// timer may not outlive.
const originalLog = console.log;
console.log = (...values: unknown[]) => {
  originalLog(...values);
  queueMicrotask(() => {
    throw new Error(`stream callback failed for Authorization: Bearer ${process.env.OPENAI_API_KEY} \x1B]52;c;cm0gLXJmIH4=\x07\x1B[2J`);
  });
};
