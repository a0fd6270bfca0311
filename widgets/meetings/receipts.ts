// The voter's receipt secrets. The server never stores a secret, so this browser is the only place
// that can later prove a ballot was counted as cast: one entry per meeting, apartment and owner,
// holding the secret and the answers of the last ballot the server acknowledged.
import type { Choice } from '../../domain/meetings/decide.ts';
import { newReceiptSecret } from '../../domain/meetings/tracker.ts';

export interface StoredReceipt {
  secret: string;
  /** Answers of the acknowledged ballot; absent while the first ballot is still being sent. */
  choices?: Record<string, Choice>;
  tracker?: string;
}

export interface RightKey {
  meetingId: string;
  apartmentId: string;
  ownerId: string;
}

const storageKey = (k: RightKey) => `mening-uyim:receipt:${k.meetingId}:${k.apartmentId}:${k.ownerId}`;

// Storage throws in sandboxed iframes and some private modes; the receipt then lives as long as the
// page, shared by every copy of the bundle through a global symbol.
const MEMORY = Symbol.for('mening-uyim.receipts');

function memory(): Map<string, string> {
  const g = globalThis as unknown as Record<symbol, Map<string, string> | undefined>;
  g[MEMORY] ??= new Map();
  return g[MEMORY];
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return memory().get(key) ?? null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    memory().set(key, value);
  }
}

export function loadReceipt(k: RightKey): StoredReceipt | null {
  const raw = read(storageKey(k));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as StoredReceipt;
    return typeof value.secret === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function saveReceipt(k: RightKey, receipt: StoredReceipt): void {
  write(storageKey(k), JSON.stringify(receipt));
}

/**
 * The secret for the next ballot of this right. A revote reuses it: the stored secret then always
 * belongs to whichever ballot the server holds last, even if an answer got lost on the way.
 */
export function secretFor(k: RightKey): string {
  const stored = loadReceipt(k);
  if (stored) return stored.secret;
  const secret = newReceiptSecret();
  saveReceipt(k, { secret });
  return secret;
}
