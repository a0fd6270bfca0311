// One keyed request per element, as <mu-building-card> does by hand: whenever the key (every input
// of the request) changes, the old request is aborted and a new one starts; an answer to an
// outdated request is dropped. Errors are always ApiErrors, so views branch on `status`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, NO_TOKEN_PROBLEM } from './api.ts';

export type LoadState<T> =
  | { kind: 'idle' }
  | { kind: 'loading'; previous: T | null }
  | { kind: 'ready'; value: T }
  | { kind: 'error'; error: ApiError };

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError({ type: 'about:blank', title: String(error), status: 0 });
}

export class KeyedLoader<T> implements ReactiveController {
  state: LoadState<T> = { kind: 'idle' };
  readonly #host: ReactiveControllerHost;
  readonly #onError: ((error: ApiError) => void) | undefined;
  #key: string | undefined;
  #controller: AbortController | undefined;

  constructor(host: ReactiveControllerHost, onError?: (error: ApiError) => void) {
    this.#host = host;
    this.#onError = onError;
    host.addController(this);
  }

  /** The value on screen: the loaded one, or the previous one while reloading. */
  get value(): T | null {
    const s = this.state;
    return s.kind === 'ready' ? s.value : s.kind === 'loading' ? s.previous : null;
  }

  /**
   * Call from willUpdate. `key` undefined means nothing to load; a null token means the element
   * shows "sign in" without asking the API (which would only log a 401 in the portal's console).
   */
  sync(
    key: string | undefined,
    token: string | null,
    load: (signal: AbortSignal) => Promise<T>,
    keepPrevious = true,
  ): void {
    if (key === this.#key) return;
    this.#key = key;
    this.#controller?.abort();
    if (key === undefined) this.#set({ kind: 'idle' });
    else if (!token) this.#set({ kind: 'error', error: new ApiError(NO_TOKEN_PROBLEM) });
    else void this.#run(load, keepPrevious);
  }

  /** Loads again with the same key, keeping the current value on screen meanwhile. */
  reload(): void {
    this.#key = undefined;
    this.#host.requestUpdate();
  }

  /** Replaces the value without asking the server (after a write that returned it). */
  set(value: T): void {
    this.#set({ kind: 'ready', value });
  }

  hostDisconnected(): void {
    this.#controller?.abort();
    this.#key = undefined;
  }

  async #run(load: (signal: AbortSignal) => Promise<T>, keepPrevious: boolean): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#set({ kind: 'loading', previous: keepPrevious ? this.value : null });
    try {
      const value = await load(controller.signal);
      if (controller.signal.aborted) return;
      this.#set({ kind: 'ready', value });
    } catch (error) {
      if (controller.signal.aborted) return;
      const apiError = toApiError(error);
      this.#set({ kind: 'error', error: apiError });
      this.#onError?.(apiError);
    }
  }

  #set(state: LoadState<T>): void {
    this.state = state;
    this.#host.requestUpdate();
  }
}
