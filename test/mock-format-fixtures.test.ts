import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

/**
 * The simulator's streams against the shape of real ones. The fixtures below are facts read off
 * streams recorded from api.openai.com and api.anthropic.com (the recordings the AI SDK's
 * provider packages are tested against): event names in order, the fields of each event, and
 * the shape of the usage objects, which is what clients and the harness depend on. Values are
 * not compared; `shapeOf` turns every leaf into its type.
 */
const fixtures = {
  chat: {
    chunkKeys: ['id', 'object', 'created', 'model', 'service_tier', 'system_fingerprint', 'choices', 'usage', 'obfuscation'],
    choiceKeys: ['index', 'delta', 'logprobs', 'finish_reason'],
    firstDelta: { role: 'assistant', content: '', refusal: null },
    /** First chunk (role), content chunks, finish chunk, usage chunk: runs collapsed. */
    kinds: ['role', 'content', 'finish', 'usage'],
    usage: {
      prompt_tokens: 'number',
      completion_tokens: 'number',
      total_tokens: 'number',
      prompt_tokens_details: { cached_tokens: 'number', audio_tokens: 'number' },
      completion_tokens_details: {
        reasoning_tokens: 'number',
        audio_tokens: 'number',
        accepted_prediction_tokens: 'number',
        rejected_prediction_tokens: 'number',
      },
    },
  },
  responses: {
    text: [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ],
    functionCall: [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ],
    error: ['response.created', 'response.in_progress', 'error', 'response.failed'],
    eventKeys: {
      'response.created': ['type', 'sequence_number', 'response'],
      'response.in_progress': ['type', 'sequence_number', 'response'],
      'response.output_item.added': ['type', 'sequence_number', 'output_index', 'item'],
      'response.content_part.added': ['type', 'sequence_number', 'item_id', 'output_index', 'content_index', 'part'],
      'response.output_text.delta': ['type', 'sequence_number', 'item_id', 'output_index', 'content_index', 'delta', 'logprobs', 'obfuscation'],
      'response.output_text.done': ['type', 'sequence_number', 'item_id', 'output_index', 'content_index', 'text', 'logprobs'],
      'response.content_part.done': ['type', 'sequence_number', 'item_id', 'output_index', 'content_index', 'part'],
      'response.output_item.done': ['type', 'sequence_number', 'output_index', 'item'],
      'response.function_call_arguments.delta': ['type', 'sequence_number', 'item_id', 'output_index', 'delta', 'obfuscation'],
      'response.function_call_arguments.done': ['type', 'sequence_number', 'item_id', 'output_index', 'arguments'],
      'response.completed': ['type', 'sequence_number', 'response'],
      error: ['type', 'sequence_number', 'error'],
      'response.failed': ['type', 'sequence_number', 'response'],
    } as Record<string, string[]>,
    responseKeys: [
      'id', 'object', 'created_at', 'status', 'background', 'error', 'incomplete_details', 'instructions', 'max_output_tokens',
      'max_tool_calls', 'model', 'output', 'parallel_tool_calls', 'previous_response_id', 'prompt_cache_key',
      'prompt_cache_retention', 'reasoning', 'safety_identifier', 'service_tier', 'store', 'temperature', 'text',
      'tool_choice', 'tools', 'top_logprobs', 'top_p', 'truncation', 'usage', 'user', 'metadata',
    ],
    messageItemKeys: ['id', 'type', 'status', 'content', 'role'],
    functionCallItemKeys: ['id', 'type', 'status', 'arguments', 'call_id', 'name'],
    errorKeys: ['type', 'code', 'message', 'param'],
    usage: {
      input_tokens: 'number',
      input_tokens_details: { cached_tokens: 'number' },
      output_tokens: 'number',
      output_tokens_details: { reasoning_tokens: 'number' },
      total_tokens: 'number',
    },
  },
  anthropic: {
    /** Runs of identical events collapsed. */
    text: ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    toolWithArguments: [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'ping',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ],
    /** Pings left out: the service sends them at varying places. */
    textThenToolWithoutArguments: [
      'message_start',
      'content_block_start:text',
      'content_block_delta:text_delta',
      'content_block_stop',
      'content_block_start:tool_use',
      'content_block_delta:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ],
    messageKeys: ['model', 'id', 'type', 'role', 'content', 'stop_reason', 'stop_sequence', 'usage'],
    toolUseBlock: { type: 'string', id: 'string', name: 'string', input: {} },
    startUsage: {
      input_tokens: 'number',
      cache_creation_input_tokens: 'number',
      cache_read_input_tokens: 'number',
      cache_creation: { ephemeral_5m_input_tokens: 'number', ephemeral_1h_input_tokens: 'number' },
      output_tokens: 'number',
      service_tier: 'string',
    },
    deltaUsage: {
      input_tokens: 'number',
      cache_creation_input_tokens: 'number',
      cache_read_input_tokens: 'number',
      output_tokens: 'number',
    },
  },
};

const profiles = constantMockProfiles(
  { id: 'talker', ttftMs: 5, tokensPerSecond: 5000, answer: { policy: 'fixed', text: 'Hello there, how can I help?' } },
  { id: 'caller', ttftMs: 5, tokensPerSecond: 5000, answer: { policy: 'fixed', text: '', toolCall: { name: 'weather', arguments: { city: 'Oslo' } } } },
  { id: 'updater', ttftMs: 5, tokensPerSecond: 5000, answer: { policy: 'fixed', text: 'I will update it.', toolCall: { name: 'update', arguments: '' } } },
);

type Event = { event?: string; data: Record<string, unknown> };

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ profiles });
});
afterAll(() => server.close());

async function stream(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Event[]> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.endsWith('[DONE]'))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, unknown>;
      return event === undefined ? { data } : { event, data };
    });
}

function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  return typeof value;
}

const collapse = (names: string[]) => names.filter((name, index) => name !== names[index - 1]);
const sorted = (keys: string[]) => [...keys].sort();

describe('Chat Completions stream, against a recording of api.openai.com', () => {
  it('has the chunk fields, chunk kinds and usage shape of the real stream', async () => {
    const events = await stream('/v1/chat/completions', {
      model: 'talker',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = events.map((event) => event.data);
    for (const chunk of chunks) expect(sorted(Object.keys(chunk))).toEqual(sorted(fixtures.chat.chunkKeys));
    const choices = chunks.flatMap((chunk) => chunk.choices as Array<Record<string, unknown>>);
    for (const choice of choices) expect(sorted(Object.keys(choice))).toEqual(sorted(fixtures.chat.choiceKeys));
    expect(choices[0]?.delta).toEqual(fixtures.chat.firstDelta);
    const kinds = chunks.map((chunk) => {
      const [choice] = chunk.choices as Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
      if (!choice) return 'usage';
      return choice.finish_reason ? 'finish' : 'role' in choice.delta ? 'role' : 'content';
    });
    expect(collapse(kinds)).toEqual(fixtures.chat.kinds);
    expect(shapeOf(chunks.at(-1)?.usage)).toEqual(fixtures.chat.usage);
  });
});

describe('Responses stream, against recordings of the OpenAI Responses API', () => {
  const tools = [{ type: 'function', name: 'weather', parameters: { type: 'object' } }];

  it.each([
    ['text', { model: 'talker', input: 'hi' }, {}],
    ['functionCall', { model: 'caller', input: 'weather?', tools }, {}],
    ['error', { model: 'talker', input: 'hi' }, { 'x-mock-fault': 'error_event' }],
  ] as const)('%s: the events, their fields and the response object of the real stream', async (name, body, headers) => {
    const events = await stream('/v1/responses', { ...body, stream: true }, headers);
    expect(collapse(events.map((event) => event.event!))).toEqual(fixtures.responses[name]);
    for (const { event, data } of events) {
      expect(data.type).toBe(event);
      expect(sorted(Object.keys(data)), event).toEqual(sorted(fixtures.responses.eventKeys[event!]!));
      const response = data.response as Record<string, unknown> | undefined;
      if (response) expect(sorted(Object.keys(response)), event).toEqual(sorted(fixtures.responses.responseKeys));
      const item = data.item as { type: string } | undefined;
      if (item) {
        const keys = item.type === 'message' ? fixtures.responses.messageItemKeys : fixtures.responses.functionCallItemKeys;
        expect(sorted(Object.keys(item))).toEqual(sorted(keys));
      }
    }
    const last = events.at(-1)!.data.response as { usage: unknown };
    if (name === 'error') {
      const error = events.find((event) => event.event === 'error')!.data.error as Record<string, unknown>;
      expect(sorted(Object.keys(error))).toEqual(sorted(fixtures.responses.errorKeys));
      expect(last.usage).toBeNull();
    } else {
      expect(shapeOf(last.usage)).toEqual(fixtures.responses.usage);
    }
  });
});

describe('Anthropic Messages stream, against recordings of api.anthropic.com', () => {
  const post = (model: string, tools: string[] = []) =>
    stream('/v1/messages', {
      model,
      max_tokens: 200,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
      ...(tools.length ? { tools: tools.map((name) => ({ name, input_schema: { type: 'object' } })) } : {}),
    });
  const name = ({ data }: Event) => {
    const block = data.content_block as { type: string } | undefined;
    const delta = data.delta as { type?: string } | undefined;
    return [data.type, block?.type ?? delta?.type].filter(Boolean).join(':');
  };

  it('text: the events, message fields and both usage shapes of the real stream', async () => {
    const events = await post('talker');
    expect(collapse(events.map((event) => event.event!))).toEqual(fixtures.anthropic.text);
    const message = events[0]!.data.message as Record<string, unknown>;
    expect(sorted(Object.keys(message))).toEqual(sorted(fixtures.anthropic.messageKeys));
    expect(shapeOf(message.usage)).toEqual(fixtures.anthropic.startUsage);
    expect(shapeOf(events.at(-2)!.data.usage)).toEqual(fixtures.anthropic.deltaUsage);
  });

  it('tool_use with arguments opens with an empty input_json_delta, as the real stream does', async () => {
    const events = await post('caller', ['weather']);
    expect(collapse(events.map((event) => event.event!))).toEqual(fixtures.anthropic.toolWithArguments);
    const start = events.find((event) => event.event === 'content_block_start')!;
    expect(shapeOf(start.data.content_block)).toEqual(fixtures.anthropic.toolUseBlock);
    const partials = events.filter((event) => event.event === 'content_block_delta').map((event) => (event.data.delta as { partial_json: string }).partial_json);
    expect(partials[0]).toBe('');
    expect(JSON.parse(partials.join(''))).toEqual({ city: 'Oslo' });
  });

  it('text then a tool_use without arguments: one empty input_json_delta', async () => {
    const events = await post('updater', ['update']);
    const names = events.map(name).filter((event) => event !== 'ping');
    expect(collapse(names)).toEqual(fixtures.anthropic.textThenToolWithoutArguments);
    const partials = events.filter((event) => name(event) === 'content_block_delta:input_json_delta');
    expect(partials.map((event) => event.data.delta)).toEqual([{ type: 'input_json_delta', partial_json: '' }]);
  });
});
