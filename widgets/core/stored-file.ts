// A stored file (an appeal's attachment, a register application's evidence) opened for the person
// who may see it: the API wants the bearer token, which a plain link cannot send, so the file is
// fetched and handed to the browser under its own name and type.
import type { Language } from '../../domain/common/language.ts';
import { normalizeMediaType } from '../../domain/common/media-type.ts';
import { getBytes, type RequestOptions } from './api.ts';
import { saveFile } from './download.ts';
import { formatNumber } from './format.ts';

export interface StoredFile {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}

/** Fetches the file at `path` with the token and hands it to the browser. */
export async function openStoredFile(path: string, file: StoredFile, options: RequestOptions): Promise<void> {
  const { bytes } = await getBytes(path, options, file.mediaType);
  saveFile(bytes as BlobPart, file.mediaType, file.filename);
}

/** The file's size in kilobytes, at least 1, in the reader's number format. */
export const fileSizeText = (lang: Language, size: number): string =>
  `${formatNumber(lang, Math.max(1, Math.round(size / 1024)))} KB`;

// Browsers leave File.type empty for extensions they do not map; the name decides then.
const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The type a chosen file claims: its MIME type, else its extension's. */
export function declaredFileType(file: File): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return normalizeMediaType(file.type || BY_EXTENSION[ext] || '');
}
