// Electronic signatures behind one interface, so a contract workflow asks "is this the party's
// signature over these exact bytes?" without knowing whether E-IMZO or the built-in scheme answers.

/** A party is a person (PINFL, 14 digits) or a company (TIN, 9 digits), or a person acting for one. */
export interface SignerIdentity {
  pinfl?: string;
  tin?: string;
}

/**
 * What a signer submits. The ECDSA envelope carries its public key so a signature can be checked
 * later, but the key only counts when it matches the one registered for the expected signer.
 */
export type SignatureEnvelope =
  | { scheme: 'ecdsa-p256-sha256'; publicKeyJwk: JsonWebKey; signatureBase64: string }
  | { scheme: 'e-imzo-pkcs7'; pkcs7Base64: string };

export type SignatureScheme = SignatureEnvelope['scheme'];

/** The signing certificate as the verifier reported it (E-IMZO); absent for the built-in scheme. */
export interface CertificateInfo {
  serialNumber?: string;
  subjectName?: string;
  issuerName?: string;
  validFrom?: string;
  validTo?: string;
}

export type RejectionReason =
  | 'bad_signature'
  | 'wrong_signer'
  /**
   * For callers that hold the hash a signature was recorded over: a detached signature alone
   * cannot tell a changed document from a bad signature, so verifiers report 'bad_signature'.
   */
  | 'document_changed'
  | 'certificate_revoked'
  | 'certificate_expired'
  | 'malformed';

/**
 * 'unverified' is not a weaker 'verified': nobody checked the signature, so it must never count as
 * signed (a contract does not activate on it). It is kept so the signature can be verified once a
 * verifier is configured or reachable again, whereas 'rejected' is final for that signature.
 */
export type VerificationResult =
  | {
      status: 'verified';
      signer: SignerIdentity & { name?: string };
      certificate?: CertificateInfo;
    }
  | { status: 'rejected'; reason: RejectionReason; detail: string }
  | { status: 'unverified'; reason: 'no_verifier_configured' | 'verifier_unavailable'; detail: string };

export interface VerificationInput {
  /** The exact bytes that were signed (the rendered contract), not a re-rendering of them. */
  document: Uint8Array;
  signature: SignatureEnvelope;
  expectedSigner: SignerIdentity;
}

export interface SignatureVerifier {
  verify(input: VerificationInput): Promise<VerificationResult>;
}
