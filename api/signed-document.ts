// The body that signs a document (a contract, a commissioning act): the SHA-256 of the exact bytes
// signed and the signature over them, by a key registered in the browser (ECDSA P-256) or E-IMZO
// (PKCS#7). One schema, so both capabilities accept the same signatures.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

export const SignBody = z
  .object({
    documentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
    signature: z.discriminatedUnion('scheme', [
      z.object({
        scheme: z.literal('ecdsa-p256-sha256'),
        publicKeyJwk: z
          .object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string() })
          .passthrough(),
        signatureBase64: z.string().min(1).max(200),
      }),
      z.object({ scheme: z.literal('e-imzo-pkcs7'), pkcs7Base64: z.string().min(1).max(200_000) }),
    ]),
  })
  .openapi('SignContract');

/**
 * An act's exact bytes as the signers read them, with their SHA-256. Shown as a document, never
 * run: the text in it is escaped and nothing it links may load; the policy replaces the pages'
 * (api/frame.ts), so it forbids framing itself.
 */
export function signableHtml(c: Context, document: { html: string; sha256: string }) {
  c.header('X-Document-Sha256', document.sha256);
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  return c.body(document.html, 200, { 'content-type': 'text/html; charset=utf-8' });
}
