// The E-IMZO-SERVER verify answer as this adapter relies on it, and how it maps to a verdict.
// Shape taken from the E-IMZO integration guide's /backend/pkcs7/verify/attached example (the
// detached endpoint is documented to answer the same pkcs7Info) and the Java client's
// Pkcs7SignerInfoView; fields not listed here are ignored, so new server fields cannot break us.
import type { CertificateInfo, SignerIdentity, VerificationResult } from '../../domain/signatures/types.ts';

export const PINFL_OID = '1.2.860.3.16.1.2';
/** A company's TIN; absent when the certificate belongs to a private person. */
export const TIN_OID = '1.2.860.3.16.1.1';

export interface EImzoCertificate {
  /** Subject attributes keyed by short name or OID: CN, O, 1.2.860.3.16.1.2 (PINFL), … */
  subjectInfo?: Record<string, string>;
  serialNumber?: string;
  subjectName?: string;
  issuerName?: string;
  /** "yyyy-MM-dd HH:mm:ss", server local time. */
  validFrom?: string;
  validTo?: string;
}

export interface EImzoSigner {
  /** [0] the signer's own certificate, then the issuing CA, then the root if present. */
  certificate?: EImzoCertificate[];
  signingTime?: string;
  /** The signature over the document is mathematically valid. */
  verified?: boolean;
  /** The certificate chain leads to a trusted root. */
  certificateVerified?: boolean;
  /** The certificate was within its validity period at the signing (or timestamp) time. */
  certificateValidAtSigningTime?: boolean;
  /** Present when the certificate was suspended or revoked (from OCSP). */
  revokedStatusInfo?: { revocationTime?: string; crlReason?: string } | null;
  /** Why verifying the signature or the certificate status failed. */
  exception?: string | null;
}

export interface EImzoVerifyResponse {
  /** 1 is success; anything else is an error described by `message`. */
  status: number;
  message?: string;
  pkcs7Info?: { signers?: EImzoSigner[]; documentBase64?: string };
}

export function isEImzoVerifyResponse(value: unknown): value is EImzoVerifyResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { status?: unknown; pkcs7Info?: unknown };
  if (typeof v.status !== 'number') return false;
  if (v.pkcs7Info === undefined) return true;
  const info = v.pkcs7Info as { signers?: unknown } | null;
  return (
    typeof info === 'object' && info !== null && (info.signers === undefined || Array.isArray(info.signers))
  );
}

const rejected = (
  reason: Extract<VerificationResult, { status: 'rejected' }>['reason'],
  detail: string,
): VerificationResult => ({ status: 'rejected', reason, detail });

/**
 * Every identifier the caller expects must be on the certificate: a company party with a named
 * representative passes both TIN and PINFL, and a certificate of the same company held by another
 * employee must not do.
 */
function matches(subject: Record<string, string>, expected: SignerIdentity): boolean {
  if (expected.pinfl === undefined && expected.tin === undefined) return false;
  if (expected.pinfl !== undefined && subject[PINFL_OID] !== expected.pinfl) return false;
  if (expected.tin !== undefined && subject[TIN_OID] !== expected.tin) return false;
  return true;
}

function certificateInfo(c: EImzoCertificate): CertificateInfo {
  const { serialNumber, subjectName, issuerName, validFrom, validTo } = c;
  return { serialNumber, subjectName, issuerName, validFrom, validTo };
}

/**
 * A co-signed PKCS#7 holds several signers; only the expected party's signer decides, so another
 * party's expired certificate does not reject this party's signature.
 */
export function mapEImzoResponse(answer: EImzoVerifyResponse, expected: SignerIdentity): VerificationResult {
  if (answer.status !== 1)
    return rejected(
      'malformed',
      `E-IMZO-SERVER refused the signature (status ${answer.status}): ${answer.message ?? ''}`,
    );
  const signers = answer.pkcs7Info?.signers ?? [];
  if (signers.length === 0) return rejected('malformed', 'the PKCS#7 document holds no signer');

  const signer = signers.find((s) => matches(s.certificate?.[0]?.subjectInfo ?? {}, expected));
  if (!signer) {
    const found = signers.map((s) => {
      const subject = s.certificate?.[0]?.subjectInfo ?? {};
      return `PINFL ${subject[PINFL_OID] ?? '-'} / TIN ${subject[TIN_OID] ?? '-'}`;
    });
    return rejected('wrong_signer', `no signer matches the expected party; signed by ${found.join(', ')}`);
  }
  const why = signer.exception ? `: ${signer.exception}` : '';
  if (signer.verified !== true)
    return rejected('bad_signature', `the signature does not verify over this document${why}`);
  if (signer.revokedStatusInfo)
    return rejected(
      'certificate_revoked',
      `the certificate was revoked or suspended at ${signer.revokedStatusInfo.revocationTime ?? '?'} (${signer.revokedStatusInfo.crlReason ?? 'no reason given'})`,
    );
  if (signer.certificateValidAtSigningTime !== true)
    return rejected(
      'certificate_expired',
      `the certificate was not valid at signing time ${signer.signingTime ?? ''}`.trim(),
    );
  // No dedicated reason for an untrusted chain: the signature proves nothing about the person.
  if (signer.certificateVerified !== true)
    return rejected('bad_signature', `the certificate chain does not lead to a trusted E-IMZO root${why}`);

  const cert = signer.certificate?.[0] ?? {};
  const subject = cert.subjectInfo ?? {};
  return {
    status: 'verified',
    signer: { pinfl: subject[PINFL_OID], tin: subject[TIN_OID], name: subject.CN },
    certificate: certificateInfo(cert),
  };
}
