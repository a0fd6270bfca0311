// Idempotency-Keys for writes: a retried or double-clicked request is answered with the first
// result instead of being done twice.

/** A fresh key; crypto.randomUUID exists in secure contexts only, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** A fresh Idempotency-Key per distinct request, the same one for every retry of it. */
export class RetryKey {
  #fingerprint: string | undefined;
  #key = '';

  for(fingerprint: string): string {
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.#key = newIdempotencyKey();
    }
    return this.#key;
  }

  /** After success: the same content sent again is a new request. */
  reset(): void {
    this.#fingerprint = undefined;
  }
}
