import { describe, expect, it } from 'vitest';
import {
  type AttachmentCandidate,
  checkAttachments,
  normalizeMediaType,
  sniffMediaType,
} from './attachments.ts';
import { DEFAULT_APPEAL_POLICY, resolveAppealPolicy } from './policy.ts';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF = new TextEncoder().encode('%PDF-1.7');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]); // MZ
const file = (head: Uint8Array, declaredType: string, size = 1000): AttachmentCandidate => ({
  name: 'f',
  declaredType,
  size,
  head,
});

describe('content sniffing', () => {
  it('knows JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffMediaType(JPEG)).toBe('image/jpeg');
    expect(sniffMediaType(PNG)).toBe('image/png');
    expect(sniffMediaType(PDF)).toBe('application/pdf');
  });

  it('returns null for anything else, and for too few bytes', () => {
    expect(sniffMediaType(EXE)).toBeNull();
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('%PDF'))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
  });

  it('normalizes declared types', () => {
    expect(normalizeMediaType(' Image/JPG ')).toBe('image/jpeg');
    expect(normalizeMediaType('application/pdf; charset=binary')).toBe('application/pdf');
  });
});

describe('attachment check', () => {
  const P = DEFAULT_APPEAL_POLICY;

  it('accepts files whose content matches their declared type', () => {
    expect(
      checkAttachments(P, [file(JPEG, 'image/jpeg'), file(PNG, 'image/png'), file(PDF, 'application/pdf')]),
    ).toEqual([]);
  });

  it('refuses a disguised file and a type not allowed', () => {
    expect(
      checkAttachments(P, [file(EXE, 'image/jpeg'), file(PNG, 'image/jpeg'), file(PDF, 'text/html')]),
    ).toEqual([
      { field: 'attachments.0.type', message: 'the content is not an allowed type, not image/jpeg' },
      { field: 'attachments.1.type', message: 'the content is image/png, not image/jpeg' },
      { field: 'attachments.2.type', message: 'allowed types: image/jpeg, image/png, application/pdf' },
    ]);
  });

  it('refuses too large, empty and too many files', () => {
    const max = P.attachments.maxBytes;
    expect(checkAttachments(P, [file(JPEG, 'image/jpeg', max)])).toEqual([]);
    expect(
      checkAttachments(P, [file(JPEG, 'image/jpeg', max + 1), file(PDF, 'application/pdf', 0)]).map(
        (i) => i.field,
      ),
    ).toEqual(['attachments.0.size', 'attachments.1.size']);
    const six = Array.from({ length: 6 }, () => file(PNG, 'image/png'));
    expect(checkAttachments(P, six).map((i) => i.field)).toEqual(['attachments']);
  });

  it('follows the policy’s types', () => {
    const p = resolveAppealPolicy({ attachments: { types: ['application/pdf'] } });
    expect(checkAttachments(p, [file(JPEG, 'image/jpeg')]).map((i) => i.field)).toEqual([
      'attachments.0.type',
    ]);
  });
});
