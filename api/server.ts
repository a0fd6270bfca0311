// Binds the app to a socket. Kept apart from createApp so tests call app.request() without one.
import type { IncomingMessage, Server } from 'node:http';
import { type Http2Bindings, type HttpBindings, type ServerType, serve } from '@hono/node-server';
import type { createApp } from './app.ts';
import { answerParserErrors, mustClose } from './connection.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * How long an idle keep-alive connection is kept. Node's default (5 s) is shorter than a stall of
 * a loaded process: when the event loop resumes, the idle timer fires before the request that
 * arrived meanwhile is read, and the client's request on its reused connection is reset. A minute
 * is also longer than the idle timeout of the proxies a deployment puts in front, so they close
 * first, as they must.
 */
export const KEEP_ALIVE_MS = 65_000;

function keepConnectionsThroughStalls(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node requires the headers' timeout to exceed the keep-alive one, or idle sockets time out first.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}

export function listen(
  app: ReturnType<typeof createApp>,
  host: string,
  port: number,
): Promise<RunningServer> {
  const fetch = async (req: Request, env: HttpBindings | Http2Bindings) => {
    const res = await app.fetch(req, env);
    if (!(await mustClose(req, env.incoming as IncomingMessage))) return res;
    try {
      res.headers.set('Connection', 'close');
      return res;
    } catch {
      // A response with immutable headers (one made by fetch) is copied to add the header.
      const copy = new Response(res.body, res);
      copy.headers.set('Connection', 'close');
      return copy;
    }
  };
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch, hostname: host, port }, (info) => {
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise((done) => {
              server.close(() => done());
              // Idle keep-alive sockets would otherwise hold shutdown for their full timeout.
              (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
            }),
        });
      });
      answerParserErrors(server as Server);
      keepConnectionsThroughStalls(server as Server);
      server.once('error', reject);
    } catch (err) {
      reject(err);
    }
  });
}
