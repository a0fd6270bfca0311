// Where uploaded files live (appeal attachments and answers). One small interface so a deployment
// can put them in object storage; the default keeps them on local disk under DATA_DIR. Keys are
// content addresses (SHA-256), so storing the same bytes twice is one file and a retried upload
// is harmless.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
}

export interface ObjectStorage {
  put(bytes: Uint8Array): Promise<StoredObject>;
  /** The bytes, or null when no object has this key. */
  get(key: string): Promise<Uint8Array | null>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Files under `root/ab/cd/<sha256>`; written to a temporary name first, so a reader never sees half a file. */
export function createDiskStorage(root: string): ObjectStorage {
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const file = fileOf(sha256);
      const exists = await stat(file).then(
        (s) => s.size === bytes.byteLength,
        () => false,
      );
      if (!exists) {
        await mkdir(path.dirname(file), { recursive: true });
        // Unique per write: two uploads of the same bytes at once must not share a temporary file.
        const temp = `${file}.${randomUUID()}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, file);
      }
      return { key: sha256, sha256, size: bytes.byteLength };
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
