// Server-sent events read through fetch: EventSource cannot send an Authorization header, and a
// bearer in the query string would end up in every proxy's access log.
import { openStream, type RequestOptions } from './api.ts';

export interface ServerEvent {
  /** `message` when the server names none, as in EventSource. */
  event: string;
  data: string;
}

/**
 * Calls `onEvent` for each event until the server ends the stream (resolves) or the request fails
 * (rejects with an ApiError, or the abort reason once `options.signal` fires).
 */
export async function readEventStream(
  path: string,
  options: RequestOptions,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const response = await openStream(path, options, 'text/event-stream');
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventParser(onEvent);
  // Without this, an abort leaves the reader waiting for a server that may never write again.
  const cancel = () => void reader.cancel().catch(() => undefined);
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    options.signal?.throwIfAborted();
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

/** The text/event-stream grammar (HTML §9.2.6) minus `id` and `retry`, which we do not use. */
export class EventParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  readonly #onEvent: (event: ServerEvent) => void;

  constructor(onEvent: (event: ServerEvent) => void) {
    this.#onEvent = onEvent;
  }

  push(chunk: string): void {
    this.#buffer += chunk;
    // A chunk may end between "\r" and "\n": keep a trailing "\r" until the next chunk decides.
    const lines = this.#buffer.split(/\r\n|\r(?!$)|\n/);
    this.#buffer = lines.pop() ?? '';
    for (const line of lines) this.#line(line);
  }

  #line(line: string): void {
    if (line === '') {
      if (this.#data.length > 0)
        this.#onEvent({ event: this.#event || 'message', data: this.#data.join('\n') });
      this.#event = '';
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
  }
}
