// Files (appeals' attachments, reports' photos, the register's evidence): a file sent as the
// request's body, read whole, within the route's limit, never empty, what it is decided by its
// content afterwards; the platform's storage they go to; and a stored file sent back.
import { createDiskStorage, type ObjectStorage } from '../platform/storage/index.ts';
import type { Ctx } from './context.ts';
import { HttpProblem, notFound } from './problem.ts';

export async function readUpload(c: Ctx, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new HttpProblem(413, `the file exceeds ${limit} bytes`);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > limit) throw new HttpProblem(413, `the file exceeds ${limit} bytes`);
  if (bytes.byteLength === 0)
    throw new HttpProblem(400, 'the file is empty', { errors: [{ field: 'body', message: 'empty' }] });
  return bytes;
}

/** The deployment's storage for uploaded files. */
export const storageOf = (c: Ctx): ObjectStorage => createDiskStorage(c.var.deps.config.storage.dir);

/**
 * A stored file as the response, under its own name and type; never sniffed by the browser.
 * `inline` opens it in place (a photo, a PDF), `attachment` saves it.
 */
export async function sendStored(
  c: Ctx,
  file: { storageKey: string; mediaType: string; filename: string },
  disposition: 'inline' | 'attachment',
  headers: Record<string, string> = {},
): Promise<Response> {
  const bytes = await storageOf(c).get(file.storageKey);
  if (!bytes) throw notFound('the file is missing from storage');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': file.mediaType,
    'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
}
