// Binds the app to a socket. Kept apart from createApp so tests call app.request() without one.
import { type ServerType, serve } from '@hono/node-server';
import type { createApp } from './app.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function listen(
  app: ReturnType<typeof createApp>,
  host: string,
  port: number,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
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
      server.once('error', reject);
    } catch (err) {
      reject(err);
    }
  });
}
