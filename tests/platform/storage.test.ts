import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiskStorage } from '../../platform/storage/index.ts';

describe('disk storage', () => {
  it('stores by content address, once, and reads the same bytes back', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'mu-storage-'));
    const storage = createDiskStorage(root);
    const bytes = new TextEncoder().encode('%PDF-1.7 answer');
    const a = await storage.put(bytes);
    const b = await storage.put(bytes);
    expect(a).toEqual(b);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.size).toBe(bytes.byteLength);
    expect(await storage.get(a.key)).toEqual(bytes);
    const dir = path.join(root, a.key.slice(0, 2), a.key.slice(2, 4));
    expect(await readdir(dir)).toEqual([a.key]);
  });

  it('answers null for an unknown or malformed key instead of reading outside its folder', async () => {
    const storage = createDiskStorage(await mkdtemp(path.join(os.tmpdir(), 'mu-storage-')));
    expect(await storage.get('0'.repeat(64))).toBeNull();
    expect(await storage.get('../../etc/passwd')).toBeNull();
  });
});

describe('disk storage under concurrent uploads', () => {
  it('stores the same bytes uploaded many times at once, every upload answered', async () => {
    const storage = createDiskStorage(await mkdtemp(path.join(os.tmpdir(), 'mu-storage-')));
    const bytes = new TextEncoder().encode('%PDF-1.7 the same answer, many times');
    const stored = await Promise.all(Array.from({ length: 25 }, () => storage.put(bytes)));
    expect(new Set(stored.map((s) => s.key)).size).toBe(1);
    expect(await storage.get(stored[0]!.key)).toEqual(bytes);
  });
});
