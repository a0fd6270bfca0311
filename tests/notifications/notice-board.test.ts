// The entrance notice board's list: an owner no channel reached appears on the building's PDF
// (read back as a PDF reader extracts its text) with the apartment number, initials and the
// mailing's title and date, in the reader's language; an owner Telegram reached does not; no
// phone or name is printed; 401/403/404/400 around it.
import { randomInt, randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { executeBound } from '../../db/sql.ts';
import { tashkentDay } from '../../domain/notifications/notice-board.ts';
import { deliveriesOf, messageOf, type NotificationStack, startNotificationStack } from './harness.ts';

let s: NotificationStack;
let tokens: Record<'manager' | 'council' | 'resident', string>;
const building = DEMO_IDS.building;
const apt = randomInt(5000, 9000);
const lost = String(apt);
const reached = String(apt + 1);
const title = `Umumiy yigʻilish ${randomUUID().slice(0, 6)}`;
const ruTitle = `Общее собрание ${title.slice(-6)}`;
let mailedAt = '';

beforeAll(async () => {
  s = await startNotificationStack();
  tokens = {
    manager: await s.t.tokenFor('manager'),
    council: await s.t.tokenFor('council'),
    resident: await s.t.tokenFor('resident'),
  };
  const nobody = await s.person({ phone: undefined });
  await executeBound(s.em(), 'update person set full_name = $2 where id = $1', [
    nobody,
    'Qodirova Zuhra Ravshanovna',
  ]);
  const telegram = await s.person({ chat: String(randomInt(100_000, 1e9)), phone: '+998901112233' });
  await executeBound(s.em(), 'update person set full_name = $2 where id = $1', [telegram, 'Wolf Hans']);
  await enqueueMailing(
    s.em(),
    {
      kind: 'meeting_notice',
      buildingId: building,
      texts: {
        uz: { subject: title, body: 'b' },
        ru: { subject: ruTitle, body: 'b' },
        en: { subject: `General meeting ${title.slice(-6)}`, body: 'b' },
      },
      idempotencyKey: randomUUID(),
      recipients: [
        { personId: nobody, place: `kv. ${lost}` },
        { personId: telegram, place: `kv. ${reached}` },
      ],
    },
    s.now(),
  );
  await s.drain();
  expect((await messageOf(s.em(), nobody))?.status).toBe('printed');
  expect((await deliveriesOf(s.em(), telegram)).map((d) => d.channel)).toEqual(['telegram']);
  const [m] = await executeBound<{ created_at: Date }>(
    s.em(),
    'select g.created_at from notification_mailing g join notification_message m on m.mailing_id = g.id where m.person_id = $1',
    [nobody],
  );
  mailedAt = new Date((m as { created_at: Date }).created_at).toISOString();
});
afterAll(async () => {
  await s?.close();
});

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${s.apiUrl}/api/v1/notifications/buildings/${path}`, {
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
const pdfText = async (res: Response) =>
  (
    await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true })
  ).text.replace(/\s+/g, ' ');

describe('the printable list of unreachable owners', () => {
  it("prints the unreachable owner's apartment and initials under the mailing's title and date, in Russian by ?lang", async () => {
    const res = await get(`${building}/unreachable.pdf?lang=ru`, tokens.manager, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(res);
    expect(text).toContain('Собственники, которым не доставлено уведомление');
    expect(text).toContain(ruTitle);
    expect(text).toContain(tashkentDay(mailedAt));
    expect(text).toMatch(new RegExp(`${lost} Q\\. Z\\. R\\.`));
    expect(text).not.toContain(reached);
    expect(text).not.toContain('Qodirova');
    expect(text).not.toContain('W. H.');
    expect(text).not.toContain('+998');
  });

  it('takes Accept-Language when there is no ?lang, for the district council', async () => {
    const res = await get(`${building}/unreachable.pdf`, tokens.council, {
      'accept-language': 'en-GB,en;q=0.8',
    });
    expect(res.status).toBe(200);
    const text = await pdfText(res);
    expect(text).toContain('Owners a notice could not reach');
    expect(text).toContain(`General meeting ${title.slice(-6)}`);
    expect(text).toContain(lost);
  });

  it('gives the same list as JSON', async () => {
    const res = await get(`${building}/unreachable`, tokens.manager);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      language: string;
      sections: { title: string; day: string; lines: { place: string; initials: string }[] }[];
    };
    expect(body.language).toBe('uz');
    const mine = body.sections.find((x) => x.title === title);
    expect(mine?.day).toBe(tashkentDay(mailedAt));
    expect(mine?.lines).toEqual([{ place: lost, initials: 'Q. Z. R.' }]);
  });

  it('401 without a token, 403 for a resident and outside the scope, 404 and 400 for bad ids', async () => {
    const problem = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return (await res.json()) as { errors?: { field: string }[] };
    };
    await problem(await get(`${building}/unreachable.pdf`), 401);
    await problem(await get(`${building}/unreachable.pdf`, tokens.resident), 403);
    await problem(await get(`${building}/unreachable`, tokens.resident), 403);
    const [other] = await executeBound<{ id: string; district_id: string }>(
      s.em(),
      `select b.id, b.district_id from building b, building d where d.id = $1
        and b.management_organization_id is distinct from d.management_organization_id
        and b.district_id <> d.district_id limit 1`,
      [building],
    );
    expect(other).toBeDefined();
    await problem(await get(`${other!.id}/unreachable.pdf`, tokens.manager), 403);
    await problem(await get(`${other!.id}/unreachable`, tokens.council), 403);
    await problem(await get(`${randomUUID()}/unreachable.pdf`, tokens.manager), 404);
    const bad = await problem(await get('nope/unreachable.pdf', tokens.manager), 400);
    expect(JSON.stringify(bad)).toContain('id');
    await problem(await get(`${building}/unreachable.pdf?lang=de`, tokens.manager), 400);
  });
});
