import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { MockProfiles } from '../config/mock-profile-schema.ts';
import { loadAnswerBook, type AnswerBookEntry } from './answer-book.ts';
import type { MockCase } from './answer-policy.ts';
import { createChunkScheduler } from './chunk-scheduler.ts';
import { defaultMockProfiles } from './default-profiles.ts';
import { createFaultPlan, type FaultPlanEntry } from './fault-plan.ts';
import { handleModelRequest } from './handle-model-request.ts';
import { createModelRegistry } from './model-registry.ts';
import type { MockProtocol } from './protocols/protocol.ts';
import { anthropicMessages } from './protocols/anthropic-messages.ts';
import { chatCompletions } from './protocols/chat-completions.ts';
import { createGatewayLedger, type GatewayLedger } from './gateway-ledger.ts';
import { createGatewayProtocol } from './protocols/gateway.ts';
import { responses } from './protocols/responses.ts';
import { copyRecord, type MockRequestRecord } from './request-record.ts';
import { handleControlRequest } from './control-routes.ts';
import { BodyTooLargeError } from './http-reply.ts';
import { createServerState, type ServerState } from './server-state.ts';

export type MockServer = {
  /** e.g. `http://127.0.0.1:43123`, no trailing slash. */
  url: string;
  port: number;
  /** Ground truth for every request served so far (same data as `GET /__mock/requests`). */
  requests(): MockRequestRecord[];
  /** Closes the server and destroys open sockets, hanging and stalled streams included. */
  close(): Promise<void>;
};

export type MockServerOptions = {
  /** 0 or undefined: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default: the shipped default set. */
  profiles?: MockProfiles;
  /** Default 1. */
  seed?: number;
  /** Cases the `oracle` and `book` policies can answer from, matched by the exact last user message. */
  cases?: MockCase[];
  /** Faults for the next matching requests, used up in order (also `POST /__mock/faults`). */
  faultPlan?: FaultPlanEntry[];
  /**
   * `worker` (default): serve from a worker thread, so the caller's own work (an SDK parsing
   * streams, garbage collection) cannot delay the simulator's writes. `main`: this event loop.
   */
  thread?: 'worker' | 'main';
};

/** The model routes of one simulator: the gateway's protocol routes among its models and keeps its ledger. */
function modelRoutesOf(gateway: MockProtocol): Record<string, MockProtocol> {
  return {
    '/v1/chat/completions': chatCompletions,
    '/chat/completions': chatCompletions,
    '/v1/responses': responses,
    // Azure OpenAI's v1 API: https://<resource>.openai.azure.com/openai/v1/…
    '/openai/v1/responses': responses,
    '/openai/v1/chat/completions': chatCompletions,
    '/v1/messages': anthropicMessages,
    '/v4/ai/language-model': gateway,
  };
}

/** The simulator on the calling thread's event loop (see `startMockServer` for the isolated one). */
export async function startMockServerOnThisThread(options: MockServerOptions = {}): Promise<MockServer> {
  const profiles = options.profiles ?? defaultMockProfiles;
  const books = new Map<string, AnswerBookEntry[]>();
  for (const profile of profiles.models) {
    if (profile.answer.policy === 'book' && !books.has(profile.answer.path)) {
      books.set(profile.answer.path, await loadAnswerBook(profile.answer.path));
    }
  }
  const scheduler = createChunkScheduler();
  const state = createServerState({
    seed: options.seed ?? 1,
    registry: createModelRegistry(profiles),
    sources: { casesByPrompt: new Map((options.cases ?? []).map((mockCase) => [mockCase.prompt, mockCase])), books, seed: options.seed ?? 1, asked: new Map() },
    faultPlan: createFaultPlan(options.faultPlan),
    scheduler,
  });

  const ledger = createGatewayLedger();
  const routes = modelRoutesOf(createGatewayProtocol({ registry: state.registry, records: state.records, ledger }));

  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    route(state, { routes, ledger }, req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is not read: the connection goes with the answer.
        if (!res.headersSent) res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: { message: error.message, type: 'invalid_request_error', param: null, code: 'request_too_large' } }));
        return;
      }
      // A bug in the simulator must not look like a provider error; say so plainly.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`mock server bug: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    // Nagle would hold a small SSE event until the previous one is acknowledged: timing lies.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests: () => state.records.map(copyRecord),
    close: () =>
      new Promise<void>((resolve) => {
        scheduler.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}

async function route(
  state: ServerState,
  server: { routes: Record<string, MockProtocol>; ledger: GatewayLedger },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://mock').pathname.replace(/\/+$/, '');
  const protocol = Object.hasOwn(server.routes, path) ? server.routes[path] : undefined;
  if (protocol && req.method === 'POST') return handleModelRequest(state, protocol, req, res, path);
  return handleControlRequest(state, req, res, path, server.ledger);
}
