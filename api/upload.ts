// A file sent as the request's body (appeals' attachments, reports' photos): read whole, within
// the route's limit, never empty. What the file is gets decided by its content afterwards.
import type { Ctx } from './context.ts';
import { HttpProblem } from './problem.ts';

export async function readUpload(c: Ctx, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new HttpProblem(413, `the file exceeds ${limit} bytes`);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > limit) throw new HttpProblem(413, `the file exceeds ${limit} bytes`);
  if (bytes.byteLength === 0)
    throw new HttpProblem(400, 'the file is empty', { errors: [{ field: 'body', message: 'empty' }] });
  return bytes;
}
