import type { ErrorKind, ErrorReply } from './protocol.ts';

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

/** OpenAI's error body, shared by Chat Completions and Responses: `{"error":{message,type,param,code}}`. */
export function openAiError(kind: ErrorKind, message: string, param?: string): ErrorReply {
  const { status, type, code } = openAiErrors[kind];
  // OpenAI names the offending parameter, except for an unknown model, where `param` is null.
  const errorParam = kind === 'model_not_found' ? null : (param ?? null);
  return { status, body: { error: { message, type, param: errorParam, code } } };
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
