// E-IMZO signatures use Uzbek algorithms that no ordinary crypto library verifies, so verification
// is delegated to E-IMZO-SERVER over HTTP. Anything short of a verdict from the server (down, 5xx,
// timeout, an answer we cannot read) is 'unverified', never an exception: the caller keeps the
// signature and verifies it again later instead of failing the whole request.
import { base64ToBytes } from '../../domain/signatures/ecdsa.ts';
import type { SignerIdentity, VerificationResult } from '../../domain/signatures/types.ts';
import { isEImzoVerifyResponse, mapEImzoResponse } from './e-imzo-response.ts';

export interface EImzoOptions {
  /** E-IMZO-SERVER's address, e.g. http://e-imzo-server:8080 (the /backend routes are not public). */
  baseUrl: string;
  /** Covers connecting, the server's OCSP round trip and reading the answer. */
  timeoutMs?: number;
  /** The server logs and checks the end user's address from X-Real-IP; sent when known. */
  realIp?: string;
}

export const DEFAULT_E_IMZO_TIMEOUT_MS = 10_000;

const unavailable = (detail: string): VerificationResult => ({
  status: 'unverified',
  reason: 'verifier_unavailable',
  detail,
});

export interface EImzoVerifier {
  verifyDetached(
    document: Uint8Array,
    pkcs7Base64: string,
    expected: SignerIdentity,
  ): Promise<VerificationResult>;
}

export function createEImzoVerifier(options: EImzoOptions): EImzoVerifier {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/backend/pkcs7/verify/detached`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_E_IMZO_TIMEOUT_MS;

  return {
    async verifyDetached(document, pkcs7Base64, expected) {
      // Checked here because '|' separates the two parts of the body: a crafted value could
      // otherwise smuggle a different document to the server.
      if (pkcs7Base64.length === 0 || !base64ToBytes(pkcs7Base64))
        return {
          status: 'rejected',
          reason: 'malformed',
          detail: 'the PKCS#7 signature is not valid base64',
        };

      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (options.realIp) headers['x-real-ip'] = options.realIp;
      let text: string;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: `${Buffer.from(document).toString('base64')}|${pkcs7Base64}`,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await res.text();
        if (!res.ok) return unavailable(`E-IMZO-SERVER answered HTTP ${res.status}: ${text.slice(0, 200)}`);
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        const why =
          e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
        return unavailable(`E-IMZO-SERVER is unreachable: ${why}`);
      }

      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        return unavailable(`E-IMZO-SERVER answered with something other than JSON: ${text.slice(0, 200)}`);
      }
      if (!isEImzoVerifyResponse(answer))
        return unavailable(`E-IMZO-SERVER answered JSON of an unknown shape: ${text.slice(0, 200)}`);
      return mapEImzoResponse(answer, expected);
    },
  };
}
