// The appeal's durable timers with terms in seconds, set through APPEAL_POLICY: a reminder to the
// organization before the deadline, escalation to the territorial inspection when it passes
// unanswered (the council still sees it), and the close when the dispute period ends. The appeal
// that is answered is taken under the law's answer term, so the answer never races the escalation.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTitles } from '../../domain/appeals/notice-mail.ts';
import { call, ok, until } from '../register/api-fixtures.ts';
import {
  type AppealsEnv,
  act,
  get,
  inStatus,
  mailsTo,
  newScene,
  SECOND_IN_DAYS,
  startAppealsEnv,
  submit,
  withPolicy,
} from './fixtures.ts';

let env: AppealsEnv;
/** The law's answer term, the same two seconds to dispute. */
let answerable: AppealsEnv;
beforeAll(async () => {
  env = await startAppealsEnv({
    answerDays: 4 * SECOND_IN_DAYS,
    disputeDays: 2 * SECOND_IN_DAYS,
    // Two seconds before the deadline.
    reminderHoursBeforeDue: [2 / 3600],
  });
  answerable = await withPolicy(env, { disputeDays: 2 * SECOND_IN_DAYS, reminderHoursBeforeDue: [] });
});
afterAll(async () => {
  await answerable?.stop();
  await env?.stop();
});

describe('appeal timers', () => {
  it('reminds the organization, then escalates to the inspection when the deadline passes unanswered', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    expect(Date.parse(a.dueAt) - Date.parse(a.receivedAt)).toBe(4000);
    await until('reminder', async () =>
      mailsTo(env, s.org.email).some((m) =>
        noticeTitles('reminder').some((t) => m.subject.endsWith(`: ${t}`)),
      )
        ? true
        : undefined,
    );
    const escalated = await inStatus(env, s.org.tokens.inspector, a.id, 'escalated');
    expect(escalated).toMatchObject({
      level: 'inspection',
      responsible: { kind: 'inspection', id: s.org.districtId },
    });
    expect(escalated.timeline.at(-1)).toMatchObject({ action: 'escalate', actor: { kind: 'system' } });
    // The council still follows it; the organization no longer acts on it.
    expect((await get(env, s.org.tokens.council, a.id)).status).toBe('escalated');
    expect((await get(env, s.org.tokens.inspector, a.id)).availableActions).toContain('accept');
    // The inspection gets a fresh term; when that passes too, there is no higher level, so it
    // stays overdue, highlighted for the council.
    const overdue = await until('overdue at the inspection', async () => {
      const page = await ok<{ items: { id: string; overdue: boolean }[] }>(
        await call(env.app, 'GET', `/appeals?overdue=true&districtId=${s.org.districtId}`, {
          token: s.org.tokens.council,
        }),
      );
      return page.items.find((i) => i.id === a.id);
    });
    expect(overdue.overdue).toBe(true);
    expect((await get(env, s.org.tokens.council, a.id)).status).toBe('escalated');
    await until('escalation notice', async () =>
      mailsTo(env, s.org.ownerEmail).some((m) =>
        noticeTitles('escalated').some((t) => m.subject.endsWith(`: ${t}`)),
      )
        ? true
        : undefined,
    );
  });

  it('closes an answered appeal when the dispute period ends without a dispute', async () => {
    const s = await newScene(env);
    const a = await submit(answerable, s);
    await ok(await act(answerable, s.staff, a.id, 'accept'));
    await ok(await act(answerable, s.staff, a.id, 'answer', { text: 'Done.' }));
    const closed = await inStatus(answerable, s.owner, a.id, 'closed');
    expect(closed.rating).toBeUndefined();
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'close', actor: { kind: 'system' } });
  });
});
