// A work line's photo is checked by its first bytes (domain/common/media-type.ts), never by its
// name or declared type: a declared type we do not take is 415, a file whose content is not what
// it declares is 422.
import { normalizeMediaType, sniffMediaType } from '../common/media-type.ts';
import { PHOTO_TYPES, type PhotoType } from './types.ts';

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; status: 415 | 422; message: string };

export function checkPhoto(declared: string, head: Uint8Array): PhotoCheck {
  const type = normalizeMediaType(declared);
  if (!(PHOTO_TYPES as readonly string[]).includes(type))
    return { ok: false, status: 415, message: `a photo is ${PHOTO_TYPES.join(' or ')}` };
  const sniffed = sniffMediaType(head);
  if (sniffed !== type)
    return { ok: false, status: 422, message: `the content is ${sniffed ?? 'not a photo'}, not ${type}` };
  return { ok: true, type: type as PhotoType };
}
