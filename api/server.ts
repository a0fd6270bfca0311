// Binds the app to a socket. Kept apart from createApp so tests call app.request() without one.
import type { IncomingMessage, Server } from 'node:http';
import { type Http2Bindings, type HttpBindings, type ServerType, serve } from '@hono/node-server';
import type { createApp } from './app.ts';
import { answerParserErrors, mustClose } from './connection.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
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
      server.once('error', reject);
    } catch (err) {
      reject(err);
    }
  });
}
