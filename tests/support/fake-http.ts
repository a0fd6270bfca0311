// What the fake APIs of the widget tests answer with: JSON, RFC 9457 problems shaped as the real
// API shapes them (status, title, detail and the fields at fault), and request bodies read whole.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

export function problem(
  res: ServerResponse,
  status: number,
  detail: string,
  errors?: { field: string; message: string }[],
  /** A rule's stable code (`meetings.wrong_phase`), as api/rule-problem.ts gives it. */
  code?: string,
): void {
  const title = STATUS_CODES[status] ?? 'Error';
  const body = {
    type: 'about:blank',
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
    ...(code ? { code } : {}),
  };
  send(res, status, 'application/problem+json', JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
