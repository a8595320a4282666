// Preloaded with `node --import` by test/cli-unexpected-error.test.ts: a stand-in for a bug in
// llm-bench, whose message quotes an API key, as a stack trace quoting a request's headers would.
console.log = () => {
  throw new Error(`console.log failed while the request carried Authorization: Bearer ${process.env.OPENAI_API_KEY}`);
};
