// A language model's second opinion on unsure triages, against a local server that speaks the
// OpenAI chat-completions contract and checks what it is sent: an unsure request gets the model's
// suggestion stored with its triage and shown in the API's view as a suggestion (the request itself
// stays as triaged, for the dispatcher to confirm); a sure one is never sent; a model that fails or
// does not answer within TRIAGE_LLM_TIMEOUT_MS is ignored and the request's workflow goes on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchWorkflowId } from '../../workflows/dispatch/contract.ts';
import { until } from '../register/api-fixtures.ts';
import {
  classification,
  type DispatchEnv,
  get,
  newScene,
  type Scene,
  startDispatchEnv,
  submit,
} from './fixtures.ts';

const KEY = 'test-llm-key';
const MODEL = 'triage-test';

interface Asked {
  text: string;
  /** Empty when the request had the contract's shape; else what was wrong with it. */
  problems: string[];
}

let mode: 'answer' | 'fail' | 'hang' = 'answer';
const asked: Asked[] = [];
let server: Server;
let env: DispatchEnv;

/** What an OpenAI-compatible server would insist on, checked field by field. */
function shapeProblems(req: IncomingMessage, body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (req.method !== 'POST') problems.push(`method ${req.method}`);
  if (req.url !== '/v1/chat/completions') problems.push(`path ${req.url}`);
  if (req.headers.authorization !== `Bearer ${KEY}`) problems.push('authorization');
  if (!String(req.headers['content-type']).startsWith('application/json')) problems.push('content-type');
  if (body.model !== MODEL) problems.push('model');
  const messages = body.messages as { role?: unknown; content?: unknown }[] | undefined;
  if (!Array.isArray(messages) || messages.length !== 2) problems.push('messages');
  else {
    if (messages[0]!.role !== 'system' || typeof messages[0]!.content !== 'string')
      problems.push('system message');
    if (messages[1]!.role !== 'user' || typeof messages[1]!.content !== 'string')
      problems.push('user message');
  }
  if ((body.response_format as { type?: unknown } | undefined)?.type !== 'json_object')
    problems.push('response_format');
  return problems;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    // Left empty: shapeProblems names every missing field.
  }
  const messages = (body.messages as { content?: string }[] | undefined) ?? [];
  const problems = shapeProblems(req, body);
  asked.push({ text: String(messages[1]?.content ?? ''), problems });
  if (problems.length > 0) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: problems.join(', ') } }));
    return;
  }
  if (mode === 'hang') return; // never answers: the client's timeout must end it
  if (mode === 'fail') {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'overloaded' } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model: `${MODEL}-served`,
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: {
            role: 'assistant',
            content: JSON.stringify({
              category: 'gas',
              urgency: 'emergency',
              reason: 'A gas smell is named.',
            }),
          },
        },
      ],
    }),
  );
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  env = await startDispatchEnv(undefined, {
    env: {
      TRIAGE_LLM_URL: `http://127.0.0.1:${port}`,
      TRIAGE_LLM_MODEL: MODEL,
      TRIAGE_LLM_KEY: KEY,
      TRIAGE_LLM_TIMEOUT_MS: '1000',
    },
  });
}, 120_000);
afterAll(async () => {
  await env?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const temporal = () => env.app.deps.temporal as Client;

/** The request's workflow history once it waits on its clocks, past the point where it would ask. */
async function settled(requestId: string) {
  return until(
    'the workflow waits on its clocks',
    async () => {
      const handle = temporal().workflow.getHandle(dispatchWorkflowId(requestId));
      const events = (await handle.fetchHistory()).events ?? [];
      return events.some((e) => e.timerStartedEventAttributes) ? events : undefined;
    },
    60_000,
  );
}
const askedFor = (events: Awaited<ReturnType<typeof settled>>) =>
  events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'secondTriageOpinion');

describe('a second opinion on an unsure triage', () => {
  let s: Scene;
  beforeAll(async () => {
    s = await newScene(env);
  });

  it('stores the model’s suggestion with the triage and shows it as a suggestion', async () => {
    mode = 'answer';
    env.triage.next = classification('water_leak', 'urgent', 0.4);
    const text = 'Oshxona shiftida dogʻ paydo boʻldi, nima ekan?';
    const r = await submit(env, s, text);
    expect(r.needsConfirmation).toBe(true);
    const seen = await until(
      'the suggestion',
      async () => {
        const v = await get(env, s.dispatcher, r.id);
        return (v.triage as { suggestion?: unknown } | null)?.suggestion ? v : undefined;
      },
      60_000,
    );
    expect((seen.triage as unknown as { suggestion: unknown }).suggestion).toMatchObject({
      category: 'gas',
      urgency: 'emergency',
      reason: 'A gas smell is named.',
      model: `${MODEL}-served`,
    });
    // Only a suggestion: the request stays as triaged until a dispatcher confirms.
    expect(seen).toMatchObject({ category: 'water_leak', urgency: 'urgent', needsConfirmation: true });
    const mine = asked.filter((a) => a.text === text);
    expect(mine).toEqual([{ text, problems: [] }]);
    expect(askedFor(await settled(r.id))).toHaveLength(1);
  });

  it('never asks about a sure triage', async () => {
    mode = 'answer';
    env.triage.next = classification('facade_entrance', 'urgent', 0.95);
    const text = 'Podyezd eshigi yopilmayapti, prujinasi singan';
    const r = await submit(env, s, text);
    expect(r.needsConfirmation).toBe(false);
    expect(askedFor(await settled(r.id))).toEqual([]);
    expect(asked.filter((a) => a.text === text)).toEqual([]);
  });

  it.each(['fail', 'hang'] as const)(
    'ignores a model that answers %s: the workflow goes on without it',
    async (m) => {
      mode = m;
      env.triage.next = classification('roof', 'urgent', 0.3);
      const text = `Tomda nimadir taqillayapti (${m})`;
      const r = await submit(env, s, text);
      const events = await settled(r.id);
      // Asked once, and the activity completed: the failure was the model's, never the workflow's.
      expect(asked.filter((a) => a.text === text)).toEqual([{ text, problems: [] }]);
      expect(askedFor(events)).toHaveLength(1);
      expect(events.some((e) => e.activityTaskCompletedEventAttributes)).toBe(true);
      expect(events.some((e) => e.activityTaskFailedEventAttributes)).toBe(false);
      const v = await get(env, s.dispatcher, r.id);
      expect((v.triage as unknown as { suggestion: unknown }).suggestion).toBeNull();
      expect(v).toMatchObject({ category: 'roof', needsConfirmation: true });
    },
  );
});
