// The body that signs a document (a contract, a commissioning act): the SHA-256 of the exact bytes
// signed and the signature over them, by a key registered in the browser (ECDSA P-256) or E-IMZO
// (PKCS#7). One schema, so both capabilities accept the same signatures.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { registeredKey } from '../db/signatures/keys.ts';
import type { SignerIdentity, VerificationResult } from '../domain/signatures/types.ts';
import { createSignatureVerifier } from '../platform/signatures/verifier.ts';
import { type Ctx, emOf } from './context.ts';
import { HttpProblem } from './problem.ts';

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

/**
 * The caller's signature over a document's exact bytes, verified, or 422 naming why not (the
 * bytes it names are not these: document_changed; else the verifier's reason). Verified here,
 * before any transaction, because the verifier may be remote (E-IMZO); an unverified signature
 * never counts as signed (domain/signatures/types.ts).
 */
export async function verifiedSignature(
  c: Ctx,
  document: { html: string; sha256: string },
  body: z.infer<typeof SignBody>,
  expectedSigner: SignerIdentity,
  code?: string,
): Promise<VerificationResult & { status: 'verified' }> {
  const refused = (reason: string, detail: string) =>
    new HttpProblem(422, detail, {
      errors: [{ field: 'body.signature', message: detail }],
      extensions: code ? { code, reason } : { reason },
    });
  if (body.documentSha256 !== document.sha256)
    throw refused('document_changed', 'the signature is not over this act');
  const userId = c.var.principal.userId;
  const verifier = createSignatureVerifier({
    eImzoUrl: c.var.deps.config.contracts.eImzo.url,
    timeoutMs: c.var.deps.config.contracts.eImzo.timeoutMs,
    keyFor: () =>
      body.signature.scheme === 'ecdsa-p256-sha256'
        ? registeredKey(emOf(c), userId, body.signature.publicKeyJwk as JsonWebKey)
        : Promise.resolve(null),
  });
  const result = await verifier.verify({
    document: new TextEncoder().encode(document.html),
    signature: body.signature,
    expectedSigner,
  });
  if (result.status !== 'verified') throw refused(result.reason, result.detail);
  return result;
}
