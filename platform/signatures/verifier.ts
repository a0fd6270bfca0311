// One SignatureVerifier for the process: routes each envelope to its scheme. The built-in scheme
// always works; E-IMZO works only when its server is configured, and otherwise says so instead of
// pretending, so a deployment without E-IMZO stores such signatures as unverified.
import { verifyEcdsa } from '../../domain/signatures/ecdsa.ts';
import type { SignatureVerifier, SignerIdentity, VerificationResult } from '../../domain/signatures/types.ts';
import { createEImzoVerifier } from './e-imzo.ts';

export interface SignatureVerifierOptions {
  /** E-IMZO-SERVER base URL; unset means E-IMZO signatures stay unverified. */
  eImzoUrl?: string;
  timeoutMs?: number;
  realIp?: string;
  /**
   * The built-in scheme's public key registered for this person or company, or null when none is.
   * Its errors propagate: a database outage is not a verdict on the signature.
   */
  keyFor(signer: SignerIdentity): Promise<JsonWebKey | null>;
}

export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  const eImzo = options.eImzoUrl
    ? createEImzoVerifier({ baseUrl: options.eImzoUrl, timeoutMs: options.timeoutMs, realIp: options.realIp })
    : null;

  return {
    async verify({ document, signature, expectedSigner }): Promise<VerificationResult> {
      switch (signature.scheme) {
        case 'ecdsa-p256-sha256': {
          const key = await options.keyFor(expectedSigner);
          if (!key)
            return {
              status: 'rejected',
              reason: 'wrong_signer',
              detail: 'the expected signer has no registered signing key',
            };
          return verifyEcdsa(document, signature, key, expectedSigner);
        }
        case 'e-imzo-pkcs7':
          if (!eImzo)
            return {
              status: 'unverified',
              reason: 'no_verifier_configured',
              detail: 'E-IMZO signatures need E-IMZO-SERVER, and none is configured',
            };
          return eImzo.verifyDetached(document, signature.pkcs7Base64, expectedSigner);
        default:
          // Envelopes arrive as JSON, so the union is a hope, not a guarantee.
          return {
            status: 'rejected',
            reason: 'malformed',
            detail: `unknown signature scheme ${String((signature as { scheme?: unknown }).scheme)}`,
          };
      }
    },
  };
}
