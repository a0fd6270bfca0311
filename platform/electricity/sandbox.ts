// A local stand-in for the electricity supplier's billing, speaking the contract documented in
// client.ts. `npm start` embeds it when ELECTRICITY_BILLING_URL is unset; tests read what it was
// told and inject its bad days (down, slow, refusing). Blocks live in memory only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem, type SandboxServer, send, startSandboxServer } from '../state-system-sandbox.ts';

export interface ElectricitySandbox extends SandboxServer {
  /** Owners blocked now. */
  readonly blocked: ReadonlySet<string>;
  /** Every accepted change, in order; a repeated idempotency key adds nothing. */
  readonly log: readonly { action: 'block' | 'lift'; ownerId: string; key: string }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startElectricitySandbox(
  o: { port?: number; host?: string; apiKey?: string } = {},
): Promise<ElectricitySandbox> {
  const blocked = new Set<string>();
  const log: { action: 'block' | 'lift'; ownerId: string; key: string }[] = [];
  const answered = new Map<string, unknown>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (o.apiKey && req.headers.authorization !== `Bearer ${o.apiKey}`)
      return send(res, 401, problem('unauthorized', 'a valid API key is required'));
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method === 'GET' && url.pathname.startsWith('/v1/owners/')) {
      const ownerId = decodeURIComponent(url.pathname.slice('/v1/owners/'.length));
      return send(res, 200, { ownerId, status: blocked.has(ownerId) ? 'blocked' : 'clear' });
    }
    const action = url.pathname === '/v1/blocks' ? 'block' : url.pathname === '/v1/lifts' ? 'lift' : null;
    if (action === null) return send(res, 404, problem('no_route', `no route ${url.pathname}`));
    if (req.method !== 'POST')
      return send(res, 405, problem('method_not_allowed', `${req.method} not allowed`));
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0)
      return send(
        res,
        400,
        problem('bad_request', 'Idempotency-Key is required', [
          { field: 'Idempotency-Key', message: 'required' },
        ]),
      );
    const previous = answered.get(key);
    if (previous) return send(res, 200, previous);
    const b = (await body(req)) as Record<string, unknown> | undefined;
    const errors = [];
    if (typeof b?.ownerId !== 'string' || b.ownerId.length === 0)
      errors.push({ field: 'ownerId', message: 'required' });
    if (typeof b?.date !== 'string' || !DATE.test(b.date))
      errors.push({ field: 'date', message: "must be 'YYYY-MM-DD'" });
    if (action === 'block' && !(Number.isSafeInteger(b?.overdueTiyin) && (b!.overdueTiyin as number) > 0))
      errors.push({ field: 'overdueTiyin', message: 'must be a positive integer' });
    if (errors.length > 0) return send(res, 422, problem('validation_failed', 'invalid request', errors));
    const ownerId = b!.ownerId as string;
    if (action === 'block') blocked.add(ownerId);
    else blocked.delete(ownerId);
    log.push({ action, ownerId, key });
    const answer = { ownerId, status: action === 'block' ? 'blocked' : 'lifted' };
    answered.set(key, answer);
    return send(res, 200, answer);
  }

  const server = await startSandboxServer({
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    refusal: { status: 422, code: 'validation_failed' },
    handle,
  });
  return Object.assign(server, { blocked, log });
}
