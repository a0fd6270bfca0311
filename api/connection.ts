// What the HTTP server does below Hono, at the connection: a request Node's parser refuses still
// gets a problem+json answer, and no answer promises keep-alive on a connection that cannot be
// reused because its request body was left unread.
import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** An unread body up to this size is read off the wire after the answer, keeping the connection. */
export const DRAIN_MAX_BYTES = 64 * 1024;
/** A small body that has not arrived by then is not waited for: the connection closes instead. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Whether the answer to `req` must close its connection. A body the handler did not read to its
 * end (refused before reading: 401, 403, 413) is read off the wire here when it is small and
 * untouched, so the connection stays usable; one that is large, of unknown length or half read
 * closes the connection, and the answer says so: promising keep-alive and closing anyway would
 * make the client's next request on it hang or fail.
 */
export async function mustClose(req: Request, incoming: IncomingMessage): Promise<boolean> {
  if (incoming.readableEnded) return false;
  const length = incoming.headers['content-length'];
  const chunked = incoming.headers['transfer-encoding'] !== undefined;
  if (!chunked && (length === undefined || Number(length) === 0)) return false;
  if (chunked || req.bodyUsed || !(Number(length) <= DRAIN_MAX_BYTES)) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAIN_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([req.arrayBuffer(), late])) === 'late';
  } catch {
    return true;
  } finally {
    clearTimeout(timer);
  }
}

const PROBLEMS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request line or headers are larger than the server accepts'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'the chunk extensions are larger than the server accepts'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request did not arrive in time'],
};

/**
 * Node answers a request its parser refuses with a bare status line. This answers with the same
 * status and a problem+json body, then closes, as Node does: the connection's state is unknown.
 */
export function answerParserErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Nothing can be written to a reset or half-closed socket, nor after an answer has begun.
    const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    const [status, detail] = PROBLEMS[err.code ?? ''] ?? [400, 'the request is not valid HTTP/1.1'];
    const body = JSON.stringify({
      type: `https://meninguyim.uz/problems/${status}`,
      title: STATUS_CODES[status],
      status,
      detail,
      errors: [{ field: 'request', message: err.code ?? err.message }],
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
