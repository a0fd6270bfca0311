// A lot version's approval through its workflow on the real stack (PostgreSQL, the Temporal dev
// server, an SMTP catcher), the council's clock in seconds: submitted, returned with remarks,
// resubmitted and approved by a council member's signature over the act of the decision read first
// (the approval, the act's hash and the signature recorded together), the approved
// version frozen; a submission the council leaves undecided is reminded, then escalated to the
// district's inspection and still decidable. Retries answer what they first answered; 401/403/400.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import {
  decideLotUpdate,
  lotApprovalStateQuery,
  lotApprovalWorkflow,
  lotApprovalWorkflowId,
} from '../../workflows/lots/contract.ts';
import { call, newKey, ok, problem, until } from '../support/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  decide,
  draftLots,
  type LotsEnv,
  type LotView,
  type Reviewed,
  SECOND_IN_DAYS,
  signedApproval,
  startLotsEnv,
  submit,
} from './approval-fixtures.ts';

let db: TestDatabase;
let env: LotsEnv;
let lots: LotView[];
beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'lots_approval');
  env = await startLotsEnv(
    // The decision due 6 s after submission, a reminder 3 s before.
    { reviewDays: 6 * SECOND_IN_DAYS, reviewRemindersDays: [3 * SECOND_IN_DAYS] },
    { databaseUrl: db.url, temporalAddress: inject('temporalAddress') },
  );
  lots = await draftLots(env);
  expect(lots.length).toBeGreaterThanOrEqual(2);
}, 240_000);
afterAll(async () => {
  await env?.stop();
  await db?.drop();
});

const events = async (lotId: string) =>
  (
    await env
      .em()
      .execute<{ action: string }[]>('select action from lot_event where lot_id = ? order by chain_pos', [
        lotId,
      ])
  ).map((e) => e.action);

describe('the approval of a lot version', () => {
  it('goes submitted → returned with remarks → resubmitted → approved with the act of the decision, then is frozen', async () => {
    const lot = lots[0]!;
    await problem(await submit(env, lot.id, newKey(), env.tokens.resident), 403);
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/submission`, { key: newKey() }), 401);
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/submission`, { token: env.tokens.council }),
      400,
    );
    await problem(await submit(env, randomUUID()), 404);

    const key = newKey();
    const submitted = await ok<Reviewed>(await submit(env, lot.id, key));
    expect(submitted.review).toMatchObject({ approval: 'submitted', round: 1, escalated: false });
    expect(submitted.review.dueAt! - submitted.review.submittedAt!).toBe(6000);
    expect(submitted.lot.state.approval).toBe('submitted');
    // The same request again is the same answer; a second submission is refused by the workflow.
    expect(await ok<Reviewed>(await submit(env, lot.id, key))).toEqual(submitted);
    const twice = await problem(await submit(env, lot.id), 409);
    expect(twice.reason).toBe('not_allowed_from_state');

    const blank = await problem(await decide(env, lot.id, { decision: 'return', remarks: '  ' }), 400);
    expect(blank.errors?.map((e) => e.field)).toContain('body.remarks');
    const returnKey = newKey();
    const returned = await ok<Reviewed>(
      await decide(env, lot.id, { decision: 'return', remarks: 'Add the school quarter' }, returnKey),
    );
    expect(returned.review).toMatchObject({ approval: 'returned', remarks: 'Add the school quarter' });
    expect(returned.lot.state).toMatchObject({ approval: 'returned', remarks: 'Add the school quarter' });
    const reused = await problem(await decide(env, lot.id, { decision: 'approve' }, returnKey), 409);
    expect(reused.code).toBe('lots.idempotency_conflict');
    await problem(await decide(env, lot.id, { decision: 'approve' }), 409);

    const resubmitted = await ok<Reviewed>(await submit(env, lot.id));
    expect(resubmitted.review).toMatchObject({ approval: 'submitted', round: 2, remarks: null });
    await problem(await decide(env, lot.id, { decision: 'approve' }, newKey(), env.tokens.resident), 403);
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/decision`, {
        key: newKey(),
        body: { decision: 'approve' },
      }),
      401,
    );
    // Approving is signing the act the council member read: an admin cannot sign it, nor the
    // inspection read it; a signature over other bytes, or naming other bytes, approves nothing.
    const actPath = `/lots/${lot.id}/decision/act`;
    await problem(await call(env.app, 'GET', actPath), 401);
    await problem(await call(env.app, 'GET', actPath, { token: env.tokens.admin }), 403);
    await problem(await decide(env, lot.id, { decision: 'approve' }, newKey(), env.tokens.admin), 403);
    const act = await call(env.app, 'GET', actPath, { token: env.tokens.council });
    expect(act.status).toBe(200);
    const actText = await act.text();
    expect(actText).toContain(`Decision approving lot ${lot.number}`);
    const read = act.headers.get('x-document-sha256');
    expect(createHash('sha256').update(actText).digest('hex')).toBe(read);
    const forged = await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/decision`, {
        token: env.tokens.council,
        key: newKey(),
        body: await signedApproval(env, lot.id, env.tokens.council, new TextEncoder().encode('<p>other</p>')),
      }),
      422,
      'body.signature',
    );
    expect(forged.reason).toBe('bad_signature');
    const elsewhere = await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/decision`, {
        token: env.tokens.council,
        key: newKey(),
        body: { ...(await signedApproval(env, lot.id, env.tokens.council)), documentSha256: 'a'.repeat(64) },
      }),
      422,
    );
    expect(elsewhere.reason).toBe('document_changed');
    const approved = await ok<Reviewed>(await decide(env, lot.id, { decision: 'approve' }));
    expect(approved.lot.state.approval).toBe('approved');
    const doc = approved.review.decisionDocument!;
    expect(doc).toBe(`sha256:${read}`);
    // The approval and its signature are one step: the version is never approved unsigned.
    const [signature] = await env
      .em()
      .execute<{ document: string; signer: string }[]>(
        'select document, signer_user_id as signer from lot_act_signature where lot_id = ? and version = 1',
        [lot.id],
      );
    expect(signature).toEqual({ document: doc, signer: DEMO_IDS.users.council });
    expect(doc).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(approved.lot.state.decisionDocument).toBe(doc);
    // The act's stored bytes are what the hash in the lot's history covers.
    const [version] = await env
      .em()
      .execute<{ html: string; document: string }[]>(
        'select decision_act_html as html, decision_document as document from lot_version where lot_id = ? and version = 1',
        [lot.id],
      );
    expect(`sha256:${createHash('sha256').update(version!.html).digest('hex')}`).toBe(doc);
    expect(version!.html).toContain(`Decision approving lot ${lot.number}`);
    const handle = workflowHandle(
      env.app.deps.temporal!,
      lotApprovalWorkflow,
      lotApprovalWorkflowId(lot.id, 1),
    );
    expect(await handle.result()).toMatchObject({ approval: 'approved', round: 2, decisionDocument: doc });

    // Approved is final: no new submission, no move into or out of it.
    await problem(await submit(env, lot.id), 409);
    const frozen = await problem(
      await call(env.app, 'POST', `/lots/${lots[1]!.id}/buildings`, {
        token: env.tokens.council,
        key: newKey(),
        body: { buildingId: lot.buildingIds[0] },
      }),
      409,
    );
    expect(frozen.reason).toBe('not_editable');
    expect(await events(lot.id)).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    const verified = await ok<{ valid: boolean; rows: number }>(
      await call(env.app, 'GET', `/audit/lots/${lot.id}/verification`, { token: env.tokens.council }),
    );
    expect(verified).toMatchObject({ valid: true, rows: 5 });
  });

  it('reminds the council before its deadline, escalates to the inspection when it passes, and still takes the decision', async () => {
    const lot = lots[1]!;
    const submitted = await ok<Reviewed>(await submit(env, lot.id));
    const handle = workflowHandle(
      env.app.deps.temporal!,
      lotApprovalWorkflow,
      lotApprovalWorkflowId(lot.id, 1),
    );
    const escalated = await until('the escalation', async () => {
      const s = await handle.query(lotApprovalStateQuery);
      return s.escalated ? s : undefined;
    });
    expect(escalated).toMatchObject({
      approval: 'submitted',
      remindersSent: 1,
      dueAt: submitted.review.dueAt,
    });
    // Through notifications: the district's council member, and once overdue its inspector too,
    // each by their own channel (the demo's both read mail).
    const council = 'malika.yusupova@demo.meninguyim.uz';
    const inspector = 'jasur.nazarov@demo.meninguyim.uz';
    // Each in their own language: the lot's number as uz, ru or en subjects name it.
    const thisLot = new RegExp(`(${lot.number}-lot|лот[уа]? ${lot.number}|lot ${lot.number})\\b`);
    const overdueSubject = /muddati oʻtdi|срок решения|is overdue/;
    const mails = await until('the reminder and the overdue notice', async () => {
      const mine = env.workers.catcher.messages().filter((m) => thisLot.test(m.subject));
      return mine.length >= 3 ? mine : undefined;
    });
    const reminders = mails.filter((m) => !overdueSubject.test(m.subject));
    const overdue = mails.filter((m) => overdueSubject.test(m.subject));
    expect(reminders.flatMap((m) => m.to)).toEqual([council]);
    expect(overdue.flatMap((m) => m.to).sort()).toEqual([council, inspector].sort());
    const [mailing] = await env.em().execute<{ kind: string; messages: number }[]>(
      `select g.kind, count(m.id)::int as messages from notification_mailing g
           join notification_message m on m.mailing_id = g.id
          where g.idempotency_key like ? group by g.kind`,
      [`%${lot.id}%overdue%`],
    );
    expect(mailing).toEqual({ kind: 'lot_update', messages: 2 });
    expect(await events(lot.id)).toEqual(['create', 'submit', 'review_overdue']);
    // The workflow itself takes no approval without the signed act, whoever asks it.
    const unsigned = await handle
      .executeUpdate(decideLotUpdate, {
        args: [{ actorUserId: DEMO_IDS.users.council, decision: 'approve' } as never],
      })
      .then(
        () => 'accepted',
        (e: Error) =>
          String(
            (e.cause as { details?: unknown[] } | undefined)?.details?.[1]
              ? JSON.stringify((e.cause as { details: unknown[] }).details[1])
              : e.message,
          ),
      );
    expect(unsigned).toContain('document_required');
    expect((await handle.query(lotApprovalStateQuery)).approval).toBe('submitted');
    const approved = await ok<Reviewed>(await decide(env, lot.id, { decision: 'approve' }));
    expect(approved.review).toMatchObject({ approval: 'approved', escalated: true });
    expect(await handle.result()).toMatchObject({ approval: 'approved', round: 1 });
  });
});
