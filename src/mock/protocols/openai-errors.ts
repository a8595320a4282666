import type { ErrorKind, ErrorReply, MockError, RateLimitFault } from './protocol.ts';

const openAiErrors: Record<ErrorKind, { status: number; type: string; code: string | null }> = {
  invalid_json: { status: 400, type: 'invalid_request_error', code: null },
  invalid_request: { status: 400, type: 'invalid_request_error', code: null },
  model_not_found: { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  context_length: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  rate_limit: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  auth: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  server_error: { status: 500, type: 'server_error', code: null },
  unavailable: { status: 503, type: 'server_error', code: null },
  overloaded: { status: 503, type: 'server_error', code: 'overloaded' },
};

/**
 * OpenAI's error body, shared by Chat Completions and Responses: `{"error":{message,type,param,code}}`.
 * The two differ in what they call the input (`messages` or `input`) and in how they word a prompt
 * that is too long.
 */
export function createOpenAiError(api: 'chat' | 'responses'): (error: MockError) => ErrorReply {
  return (error) => {
    const { status, type, code } = openAiErrors[error.kind];
    const body = {
      message: messageOf(error, api),
      type,
      param: error.kind === 'invalid_request' ? (error.param ?? null) : error.kind === 'context_length' ? inputParam[api] : null,
      code: error.kind === 'invalid_request' ? (error.code ?? null) : code,
    };
    return { status, body: { error: body } };
  };
}

const inputParam = { chat: 'messages', responses: 'input' } as const;

function messageOf(error: MockError, api: 'chat' | 'responses'): string {
  switch (error.kind) {
    case 'invalid_json':
      return "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";
    case 'invalid_request':
      return error.message;
    case 'model_not_found':
      return `The model \`${error.model}\` does not exist or you do not have access to it.`;
    case 'context_length':
      return api === 'chat'
        ? `This model's maximum context length is ${error.contextWindow} tokens. However, your messages resulted in ${error.inputTokens} tokens. Please reduce the length of the messages.`
        : 'Your input exceeds the context window of this model. Please adjust your input and try again.';
    case 'rate_limit':
      return `Rate limit reached for requests. Please try again in ${error.waitMs === undefined ? 'a moment' : goDuration(error.waitMs)}.`;
    case 'auth':
      return 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.';
    case 'server_error':
      return 'The server had an error while processing your request. Sorry about that!';
    case 'unavailable':
      return 'The server is overloaded or not ready yet.';
    case 'overloaded':
      return 'The engine is currently overloaded, please try again later';
  }
}

const openAiRetryHeaders: Record<RateLimitFault, string> = {
  rate_limit: 'retry-after',
  rate_limit_ms: 'retry-after-ms',
  rate_limit_reset: 'x-ratelimit-reset-requests',
};

/** OpenAI's 429 headers: one of `retry-after` (seconds), `retry-after-ms`, or only the reset duration. */
export function openAiRateLimitHeaders(fault: RateLimitFault, value: string): Record<string, string> {
  return { [openAiRetryHeaders[fault]]: value };
}

/** `250ms`, `1s`, `6m0s`: how OpenAI words a wait in headers and messages. */
function goDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  return `${Math.floor(seconds / 60)}m${Number((seconds % 60).toFixed(3))}s`;
}

export function openAiUsage(inputTokens: number, outputTokens: number) {
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
