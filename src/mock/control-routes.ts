import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultPlanEntrySchema } from './fault-plan.ts';
import { generationInfoBody, type GatewayLedger } from './gateway-ledger.ts';
import { readBody, sendJson } from './http-reply.ts';
import { gatewayConfig, openAiModelList } from './model-registry.ts';
import { copyRecord } from './request-record.ts';
import type { ServerState } from './server-state.ts';

/** Everything that is not a model call: model lists, and the `/__mock` ground-truth and fault API. */
export async function handleControlRequest(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ledger?: GatewayLedger,
): Promise<void> {
  const key = `${req.method} ${path}`;
  switch (key) {
    case 'GET /__mock/requests':
      return sendJson(res, undefined, 200, JSON.stringify(state.records.map(copyRecord)));
    case 'DELETE /__mock/requests':
      state.records.length = 0;
      res.writeHead(204).end();
      return;
    case 'GET /__mock/faults':
      return sendJson(res, undefined, 200, JSON.stringify(state.faultPlan.pending()));
    case 'POST /__mock/faults':
      return addFaults(state, await readBody(req), res);
    case 'GET /v1/models':
      return sendJson(res, undefined, 200, JSON.stringify(openAiModelList(state.registry)));
    case 'GET /v4/ai/config':
      return sendJson(res, undefined, 200, JSON.stringify(gatewayConfig(state.registry)));
    // getGenerationInfo asks the gateway's origin, whatever its base URL's path.
    case 'GET /v1/generation':
      return generationInfo(state, req, res, ledger);
  }
  const body = { error: { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error', param: null, code: null } };
  sendJson(res, undefined, 404, JSON.stringify(body));
}

function addFaults(state: ServerState, raw: string, res: ServerResponse): void {
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    return sendJson(res, undefined, 400, JSON.stringify({ error: 'body must be JSON: one fault plan entry or a list' }));
  }
  const parsed = faultPlanEntrySchema.array().safeParse(Array.isArray(entries) ? entries : [entries]);
  if (!parsed.success) {
    return sendJson(res, undefined, 400, JSON.stringify({ error: parsed.error.issues.map((issue) => issue.message) }));
  }
  state.faultPlan.add(parsed.data);
  sendJson(res, undefined, 200, JSON.stringify(state.faultPlan.pending()));
}

/** The gateway's record of a generation it served (getGenerationInfo); 404 for an id it never issued. */
function generationInfo(state: ServerState, req: IncomingMessage, res: ServerResponse, ledger: GatewayLedger | undefined): void {
  const id = new URL(req.url ?? '/', 'http://mock').searchParams.get('id') ?? '';
  const entry = ledger?.get(id);
  if (!entry) {
    const message = `Generation not found: ${JSON.stringify(id.slice(0, 100))}`;
    return sendJson(res, undefined, 404, JSON.stringify({ error: { message, type: 'not_found', param: null, code: null } }));
  }
  const record = state.records.findLast((candidate) => candidate.id === id);
  sendJson(res, undefined, 200, JSON.stringify(generationInfoBody(entry, record)));
}
