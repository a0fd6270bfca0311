// The body that signs a document (a contract, a commissioning act): the SHA-256 of the exact bytes
// signed and the signature over them, by a key registered in the browser (ECDSA P-256) or E-IMZO
// (PKCS#7). One schema, so both capabilities accept the same signatures.
import { z } from '@hono/zod-openapi';

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
