// A local stand-in for the state cadastre, speaking the contract documented in client.ts. `npm start`
// embeds it when CADASTRE_URL is unset (issuing a plausible passport for any number, so the demo
// commissioning runs end to end); tests issue passports explicitly and inject failures to see the
// adapter and the workflow's retries meet real HTTP. Passports live in memory only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem, type SandboxServer, send, startSandboxServer } from '../state-system-sandbox.ts';
import type { CadastralPassport } from './client.ts';

export interface CadastreSandbox extends SandboxServer {
  /** Issues (or replaces) the passport for its cadastral number. */
  issue(passport: CadastralPassport): void;
}

export interface CadastreSandboxOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  /** Answer every number with a made-up passport (the demo), instead of 404 for unknown ones. */
  issueAny?: boolean;
  now?: () => Date;
}

const PREFIX = '/v1/passports/';

/** A deterministic passport for a number, for the demo. */
export function madeUpPassport(cadastralNumber: string, issuedAt: Date): CadastralPassport {
  let h = 0;
  for (const c of cadastralNumber) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const floors = 9 + (h % 8);
  const entrances = 2 + (h % 4);
  const apartments = floors * entrances * 4;
  return {
    cadastralNumber,
    passportNumber: `KP-${String(h % 1_000_000).padStart(6, '0')}`,
    issuedAt: issuedAt.toISOString(),
    address: `Yangi ko'cha ${1 + (h % 120)}`,
    yearBuilt: issuedAt.getUTCFullYear(),
    floors,
    entrances,
    totalAreaM2: apartments * 72,
    livingAreaM2: apartments * 58,
    apartments,
  };
}

export async function startCadastreSandbox({
  port = 0,
  host = '127.0.0.1',
  apiKey,
  issueAny = false,
  now = () => new Date(),
}: CadastreSandboxOptions = {}): Promise<CadastreSandbox> {
  const passports = new Map<string, CadastralPassport>();
  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (!url.pathname.startsWith(PREFIX))
      return send(res, 404, problem('no_route', `no route ${url.pathname}`));
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`)
      return send(res, 401, problem('unauthorized', 'a valid API key is required'));
    if (req.method !== 'GET')
      return send(res, 405, problem('method_not_allowed', `${req.method} not allowed`));
    const number = decodeURIComponent(url.pathname.slice(PREFIX.length));
    if (number === '' || number.length > 64)
      return send(
        res,
        400,
        problem('bad_request', 'a cadastral number is required', [
          { field: 'cadastralNumber', message: 'must be 1..64 characters' },
        ]),
      );
    const found = passports.get(number) ?? (issueAny ? madeUpPassport(number, now()) : undefined);
    if (!found) return send(res, 404, problem('not_found', 'no passport issued for this number'));
    return send(res, 200, found);
  }

  const server = await startSandboxServer({
    port,
    host,
    refusal: { status: 400, code: 'bad_request' },
    handle,
  });
  // Spread would read `requests` once: keep the server's live getter.
  return Object.assign(server, {
    issue: (p: CadastralPassport) => {
      passports.set(p.cadastralNumber, p);
    },
  });
}
