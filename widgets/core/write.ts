// A write an element sends for the user: one at a time, its refusal kept for the form to show,
// and the host drawn again at each step so buttons can say "saving…".
import type { ReactiveControllerHost } from 'lit';
import type { ApiError } from './api.ts';
import { toApiError } from './loader.ts';

export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; error: ApiError | null };

export class PendingWrite {
  busy = false;
  /** The last refusal, until the next attempt or clear(). */
  error: ApiError | null = null;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Runs `send` unless a write is already running (then `error` is null in the outcome). */
  async run<T>(send: () => Promise<T>): Promise<WriteOutcome<T>> {
    if (this.busy) return { ok: false, error: null };
    this.busy = true;
    this.error = null;
    this.#host.requestUpdate();
    try {
      return { ok: true, value: await send() };
    } catch (error) {
      this.error = toApiError(error);
      return { ok: false, error: this.error };
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  clear(): void {
    this.error = null;
    this.#host.requestUpdate();
  }
}
