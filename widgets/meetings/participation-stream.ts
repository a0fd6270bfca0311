// The participation stream, apart from client.ts: only <mu-meeting-participation> reads it, so the
// event-stream reader comes with that element and not with every page that calls the meetings API.
import type { RequestOptions } from '../core/api.ts';
import { readEventStream, type ServerEvent } from '../core/sse.ts';
import { base } from './client.ts';

/** Resolves when the server ends the stream, which it does once voting is over. */
export const streamParticipation = (id: string, o: RequestOptions, onEvent: (e: ServerEvent) => void) =>
  readEventStream(`${base(id)}/participation/stream`, o, onEvent);
