// The floor `npm run bench:api` compares against: a bare Hono route on the same Node HTTP adapter,
// no middleware, no database. Started as a child on the port its first argument names.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.json({ status: 'ok' }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2]) });
