import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../access/roles.ts';
import { endOfTashkentDay } from '../calendar/working-days.ts';
import type { Actor } from '../common/actor.ts';
import { type Appeal, canView, pendingTimer, submitAppeal } from './appeal.ts';
import { DEFAULT_APPEAL_POLICY } from './policy.ts';
import {
  APPEAL_TRANSITIONS,
  type AppealAction,
  type AppealCommand,
  applyAppealCommand,
  authorize,
  availableActions,
} from './status.ts';
import { APPEAL_STATUSES, type AppealStatus } from './types.ts';

const P = DEFAULT_APPEAL_POLICY;
const tk = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+05:00`);
const NOW = tk('2026-11-23'); // Monday; 15 days → 8 Dec, a holiday → 9 Dec

const principal = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  userId: `u-${roles.join('-')}`,
  personId: null,
  roles,
  organizationId: null,
  districtId: null,
  name: 'x',
  ...extra,
});
const user = (roles: Role[], extra: Partial<Principal> = {}): Actor => ({
  kind: 'user',
  principal: principal(roles, extra),
});
const APPLICANT = user(['resident'], { personId: 'p-1' });
const NEIGHBOUR = user(['resident'], { personId: 'p-2' });
const COMPANY = user(['management_company'], { organizationId: 'org-1' });
const OTHER_COMPANY = user(['management_company'], { organizationId: 'org-2' });
const COUNCIL = user(['council'], { districtId: 'd-1' });
const INSPECTOR = user(['inspector'], { districtId: 'd-1' });
const ADMIN = user(['admin']);
const SYSTEM: Actor = { kind: 'system' };
const who = (a: Actor): Principal => (a.kind === 'user' ? a.principal : principal([]));

const BUILDING = {
  district: { id: 'd-1', name: 'Yunusobod' },
  managementOrganization: { id: 'org-1', name: 'Obod' },
};

function submitted(now = NOW): Appeal {
  const input = {
    id: 'a-1',
    registrationNumber: '2026-000001',
    category: 'heating' as const,
    kind: 'complaint' as const,
    subject: { buildingId: 'b-1', apartmentId: 'ap-1' },
    text: 'No heat since Monday',
    building: BUILDING,
  };
  const r = submitAppeal(P, input, APPLICANT, now);
  if (!r.ok) throw new Error(JSON.stringify(r.refusal));
  return r.appeal;
}
const run = (a: Appeal, c: AppealCommand, actor: Actor, now = NOW) => applyAppealCommand(P, a, c, actor, now);
const step = (a: Appeal, c: AppealCommand, actor: Actor, now = NOW) => {
  const r = run(a, c, actor, now);
  if (!r.ok) throw new Error(JSON.stringify(r.refusal));
  return r.appeal;
};
const refusal = (a: Appeal, c: AppealCommand, actor: Actor, now = NOW) => {
  const r = run(a, c, actor, now);
  if (r.ok) throw new Error(`expected a refusal, got ${r.appeal.status}`);
  return r.refusal;
};
const inState = (status: AppealStatus): Appeal => ({ ...submitted(), status });
const answered = (now = NOW) =>
  step(step(submitted(), { type: 'accept' }, COMPANY, now), { type: 'answer', text: 'Fixed' }, COMPANY, now);

const COMMANDS: Record<AppealAction, AppealCommand> = {
  accept: { type: 'accept' },
  answer: { type: 'answer', text: 'done' },
  transfer: { type: 'transfer', to: { kind: 'other_body', id: 'gas', name: 'Hududgaz' }, reason: 'gas' },
  extend: { type: 'extend', justification: 'lab test' },
  require_study: { type: 'require_study', reason: 'water analysis' },
  accept_answer: { type: 'accept_answer', rating: 5 },
  dispute: { type: 'dispute', reason: 'not fixed' },
  escalate: { type: 'escalate' },
  close: { type: 'close' },
};

describe('submission', () => {
  it('registers, routes and sets the term', () => {
    const a = submitted(tk('2026-11-23', '19:00'));
    expect(a.status).toBe('registered');
    expect(a.responsible).toEqual({ kind: 'management_organization', id: 'org-1', name: 'Obod' });
    expect(a.registeredOn).toBe('2026-11-24');
    expect([a.dueLastDay, a.dueAt]).toEqual(['2026-12-09', endOfTashkentDay('2026-12-09')]);
    expect(a.timeline.map((e) => e.action)).toEqual(['submit']);
  });

  it('only an identified resident with text', () => {
    const input = { ...submitted(), building: BUILDING };
    expect(submitAppeal(P, input, COMPANY, NOW)).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
    expect(submitAppeal(P, input, user(['resident']), NOW)).toMatchObject({ ok: false });
    expect(submitAppeal(P, { ...input, text: ' ' }, APPLICANT, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'text_required' },
    });
  });
});

describe('who may do what, from which state', () => {
  it('refuses every action from a state it does not start from, to whoever may take it', () => {
    for (const action of Object.keys(COMMANDS) as AppealAction[]) {
      for (const s of APPEAL_STATUSES.filter((x) => !APPEAL_TRANSITIONS[action].from.includes(x))) {
        const actor = [COMPANY, APPLICANT, SYSTEM].find((a) => !authorize(inState(s), action, a))!;
        expect(refusal(inState(s), COMMANDS[action], actor)).toEqual({
          code: 'not_allowed_from_state',
          action,
          state: s,
        });
      }
    }
  });

  it('tells whoever may not act 403 before anyone hears the state', () => {
    for (const action of Object.keys(COMMANDS) as AppealAction[]) {
      for (const s of APPEAL_STATUSES) {
        const stranger = [OTHER_COMPANY, NEIGHBOUR, COUNCIL].find((a) => authorize(inState(s), action, a))!;
        expect(refusal(inState(s), COMMANDS[action], stranger)).toEqual({ code: 'forbidden', action });
      }
    }
  });

  it('only the responsible body’s staff, only the applicant, only the system', () => {
    const a = submitted();
    expect(availableActions(a, COMPANY)).toEqual(['accept', 'transfer', 'extend', 'require_study']);
    for (const actor of [OTHER_COMPANY, COUNCIL, INSPECTOR, ADMIN, APPLICANT, SYSTEM]) {
      expect(refusal(a, { type: 'accept' }, actor)).toEqual({ code: 'forbidden', action: 'accept' });
    }
    const b = answered();
    expect(availableActions(b, APPLICANT)).toEqual(['accept_answer', 'dispute']);
    expect(availableActions(b, NEIGHBOUR)).toEqual([]);
    expect(availableActions(b, SYSTEM)).toEqual(['close']);
    expect(availableActions(a, SYSTEM)).toEqual(['escalate']);
  });
});

describe('answer and closing', () => {
  it('accept → answer → the applicant accepts with a rating', () => {
    const b = answered();
    expect(b.status).toBe('answered');
    expect(b.answer).toMatchObject({ text: 'Fixed', disputeEndsAt: endOfTashkentDay('2026-12-23') });
    expect(refusal(b, { type: 'accept_answer', rating: 6 }, APPLICANT)).toEqual({
      code: 'invalid_rating',
      rating: 6,
    });
    expect(refusal(b, { type: 'accept_answer', rating: 2.5 }, APPLICANT).code).toBe('invalid_rating');
    const c = step(b, { type: 'accept_answer', rating: 4 }, APPLICANT);
    expect([c.status, c.rating]).toEqual(['closed', 4]);
    expect(c.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'answer', 'accept_answer']);
  });

  it('an empty answer is refused', () => {
    const a = step(submitted(), { type: 'accept' }, COMPANY);
    expect(refusal(a, { type: 'answer', text: '' }, COMPANY)).toEqual({ code: 'text_required' });
  });

  it('the system closes only after the dispute period', () => {
    const b = answered();
    const end = b.answer?.disputeEndsAt ?? 0;
    expect(refusal(b, { type: 'close' }, SYSTEM, end - 1)).toEqual({
      code: 'dispute_period_open',
      endsAt: end,
    });
    expect(step(b, { type: 'close' }, SYSTEM, end).status).toBe('closed');
    expect(pendingTimer(b)).toEqual({ action: 'close', at: end });
  });
});

describe('dispute climbs one level', () => {
  it('management organization → council → inspection, then no higher', () => {
    const b = answered();
    const r1 = step(b, { type: 'dispute', reason: 'still cold' }, APPLICANT, NOW + 1000);
    expect([r1.status, r1.level, r1.responsible.kind, r1.answer]).toEqual([
      'reopened',
      'council',
      'council',
      undefined,
    ]);
    expect(r1.observers).toEqual([b.responsible]);
    expect(canView(who(OTHER_COMPANY), r1)).toBe(false);
    const r2 = step(
      step(step(r1, { type: 'accept' }, COUNCIL), { type: 'answer', text: 'ok' }, COUNCIL),
      { type: 'dispute', reason: 'no' },
      APPLICANT,
    );
    expect(r2.level).toBe('inspection');
    const r3 = step(step(r2, { type: 'accept' }, INSPECTOR), { type: 'answer', text: 'ok' }, INSPECTOR);
    expect(refusal(r3, { type: 'dispute', reason: 'no' }, APPLICANT)).toEqual({ code: 'no_higher_level' });
  });

  it('only within the dispute period, with a reason', () => {
    const b = answered();
    const end = b.answer?.disputeEndsAt ?? 0;
    expect(refusal(b, { type: 'dispute', reason: 'x' }, APPLICANT, end)).toEqual({
      code: 'dispute_period_over',
      endsAt: end,
    });
    expect(refusal(b, { type: 'dispute', reason: '' }, APPLICANT)).toEqual({ code: 'reason_required' });
  });
});

describe('overdue escalation', () => {
  it('the system escalates to the inspection once the deadline has passed; the council keeps watching', () => {
    const a = submitted();
    expect(pendingTimer(a)).toEqual({ action: 'escalate', at: a.dueAt });
    expect(refusal(a, { type: 'escalate' }, SYSTEM, a.dueAt - 1)).toEqual({
      code: 'not_overdue',
      dueAt: a.dueAt,
    });
    const e = step(a, { type: 'escalate' }, SYSTEM, a.dueAt);
    expect([e.status, e.level, e.responsible]).toEqual([
      'escalated',
      'inspection',
      { kind: 'inspection', id: 'd-1', name: 'Yunusobod' },
    ]);
    expect(e.observers.map((o) => o.kind)).toEqual(['management_organization', 'council']);
    expect([who(COUNCIL), who(COMPANY), who(APPLICANT), who(ADMIN)].map((p) => canView(p, e))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(canView(who(NEIGHBOUR), e)).toBe(false);
    expect(availableActions(e, COUNCIL)).toEqual([]);
    expect(availableActions(e, INSPECTOR)).toEqual(['accept', 'transfer', 'extend', 'require_study']);
    expect(e.dueAt).toBe(endOfTashkentDay('2026-12-25')); // from 10 Dec, the day it fell overdue
    expect(pendingTimer(e)).toBeNull();
  });
});

describe('transfer and extension', () => {
  const gas = { kind: 'other_body' as const, id: 'gas', name: 'Hududgaz' };

  it('forwards within the forwarding term, with a reason', () => {
    const a = submitted();
    const t = step(a, { type: 'transfer', to: gas, reason: 'gas supply' }, COMPANY);
    expect([t.status, t.responsible, t.transferredFrom]).toEqual(['transferred', gas, a.responsible]);
    expect(refusal(a, { type: 'transfer', to: gas, reason: ' ' }, COMPANY)).toEqual({
      code: 'reason_required',
    });
    expect(refusal(a, { type: 'transfer', to: a.responsible, reason: 'x' }, COMPANY)).toEqual({
      code: 'same_body',
    });
    const end = endOfTashkentDay('2026-11-30'); // 5 days → Sat 28 → Mon 30
    expect(refusal(a, { type: 'transfer', to: gas, reason: 'x' }, COMPANY, end)).toEqual({
      code: 'transfer_too_late',
      endsAt: end,
    });
  });

  it('a transfer to a body on the platform starts its own term', () => {
    const to = { kind: 'council' as const, id: 'd-1', name: 'Yunusobod' };
    const t = step(submitted(), { type: 'transfer', to, reason: 'meeting' }, COMPANY, tk('2026-11-25'));
    expect([t.status, t.level, t.bodyReceivedAt, t.dueLastDay]).toEqual([
      'registered',
      'council',
      tk('2026-11-25'),
      '2026-12-10',
    ]);
    expect(availableActions(t, COUNCIL)).toEqual(['accept', 'transfer', 'extend', 'require_study']);
  });

  it('extends once, with a justification', () => {
    const a = submitted();
    const x = step(a, { type: 'extend', justification: 'lab test' }, COMPANY);
    expect([x.status, x.extended, x.dueLastDay]).toEqual(['registered', true, '2027-01-11']);
    expect(refusal(x, { type: 'extend', justification: 'again' }, COMPANY)).toEqual({
      code: 'already_extended',
      extensions: 1,
    });
    expect(refusal(a, { type: 'extend', justification: '' }, COMPANY)).toEqual({
      code: 'justification_required',
    });
    expect(step(a, { type: 'extend', justification: 'x', lastDay: '2026-12-15' }, COMPANY).dueLastDay).toBe(
      '2026-12-15',
    );
  });

  it('additional study lengthens the term to a month from receipt, once', () => {
    const a = submitted();
    const s = step(a, { type: 'require_study', reason: 'water analysis' }, COMPANY, tk('2026-11-30'));
    expect([s.study, s.dueLastDay, s.status]).toEqual([true, '2026-12-23', 'registered']);
    expect(refusal(s, { type: 'require_study', reason: 'x' }, COMPANY)).toEqual({ code: 'already_study' });
    expect(refusal(a, { type: 'require_study', reason: '' }, COMPANY)).toEqual({ code: 'reason_required' });
    expect(refusal(a, { type: 'require_study', reason: 'x' }, COMPANY, a.dueAt).code).toBe('deadline_passed');
    const x = step(a, { type: 'extend', justification: 'x' }, COMPANY);
    expect(step(x, { type: 'require_study', reason: 'x' }, COMPANY).dueLastDay).toBe('2027-01-11');
  });

  it('a proposal needing study is notified within 10 days', () => {
    const p = {
      ...submitted(),
      kind: 'proposal' as const,
      dueLastDay: '2026-12-23',
      dueAt: endOfTashkentDay('2026-12-23'),
    };
    const end = endOfTashkentDay('2026-12-03');
    expect(refusal(p, { type: 'require_study', reason: 'x' }, COMPANY, end)).toEqual({
      code: 'notice_too_late',
      endsAt: end,
    });
    expect(step(p, { type: 'require_study', reason: 'x' }, COMPANY, end - 1).dueLastDay).toBe('2027-01-25');
  });
});

describe('district oversight', () => {
  it("the district's council and inspection see every appeal there, without acting on it", () => {
    const a = submitted();
    expect(canView(who(COUNCIL), a)).toBe(true);
    expect(canView(who(INSPECTOR), a)).toBe(true);
    expect(availableActions(a, COUNCIL)).toEqual([]);
  });
});
