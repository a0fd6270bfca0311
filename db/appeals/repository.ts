// Appeal changes. Each is one transaction under the appeal's row lock: the pure rules
// (domain/appeals) decide on the stored appeal, and the new state, its query columns and the
// audit event are written together. A change carries a request id, so a retried activity finds
// its own event and does not apply it twice.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import {
  type Appeal,
  formatRegistrationNumber,
  type SubmitRefusal,
  submitAppeal,
} from '../../domain/appeals/appeal.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import type { AppealPolicy } from '../../domain/appeals/policy.ts';
import { describeRefusal } from '../../domain/appeals/refusals.ts';
import { type AppealCommand, type AppealRefusal, applyAppealCommand } from '../../domain/appeals/status.ts';
import type { AppealCategory, AppealKind, AppealSubject } from '../../domain/appeals/types.ts';
import type { Actor } from '../../domain/common/actor.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { Apartment, Building, ManagementOrganization, Ownership } from '../registry/entities.ts';
import { isUuid, lockIdempotencyKey } from '../sql.ts';
import { AppealAttachment, AppealEvent, AppealRow } from './entities.ts';

export interface SubmitInput {
  id: string;
  principal: Principal;
  category: AppealCategory;
  kind: AppealKind;
  subject: AppealSubject;
  text: string;
  attachmentIds: string[];
  policy: AppealPolicy;
  idempotencyKey: string;
  requestSha256: string;
}

export function refusalError(r: AppealRefusal | SubmitRefusal): RuleError<AppealRuleCode> {
  const info = describeRefusal(r);
  return new RuleError<AppealRuleCode>(info.kind, info.message, info.fields);
}

/** The applicant owns an apartment in the building; the apartment, if named, is in it. */
async function checkSubject(tx: EntityManager, input: SubmitInput) {
  const building = await tx.findOne(
    Building,
    { id: input.subject.buildingId },
    { populate: ['district', 'managementOrganization'] },
  );
  if (!building) throw new RuleError<AppealRuleCode>('invalid', 'no such building', ['subject.buildingId']);
  if (input.subject.apartmentId) {
    const apt = await tx.findOne(Apartment, { id: input.subject.apartmentId, building: building.id });
    if (!apt)
      throw new RuleError<AppealRuleCode>('invalid', 'no such apartment in this building', [
        'subject.apartmentId',
      ]);
  }
  const owns = await tx.count(Ownership, {
    person: input.principal.personId,
    apartment: { building: building.id },
  });
  if (owns === 0)
    throw new RuleError<AppealRuleCode>('forbidden', 'only an owner in this building may appeal about it');
  let organization = building.managementOrganization ?? null;
  if (input.subject.organizationId) {
    organization = await tx.findOne(ManagementOrganization, { id: input.subject.organizationId });
    if (!organization)
      throw new RuleError<AppealRuleCode>('invalid', 'no such organization', ['subject.organizationId']);
  }
  return { building, organization };
}

async function nextNumber(tx: EntityManager, registeredOn: string): Promise<string> {
  const year = Number(registeredOn.slice(0, 4));
  // tx.execute, not tx.getConnection().execute: only the former runs inside the transaction; the
  // latter takes another pooled connection, where the counter would move even if the appeal rolls back.
  const [row] = await tx.execute<{ last: number }[]>(
    `insert into appeal_number (year, last) values (?, 1)
     on conflict (year) do update set last = appeal_number.last + 1 returning last`,
    [year],
  );
  return formatRegistrationNumber(registeredOn, row!.last);
}

async function linkAttachments(
  tx: EntityManager,
  appealId: string,
  userId: string,
  ids: string[],
  part: 'appeal' | 'answer',
) {
  if (ids.length === 0) return;
  const n = await tx.nativeUpdate(
    AppealAttachment,
    { id: { $in: ids }, uploadedByUserId: userId, appeal: null },
    { appeal: appealId, part },
  );
  if (n !== new Set(ids).size)
    throw new RuleError<AppealRuleCode>('invalid', 'attachments must be your own uploads, not yet attached', [
      'attachmentIds',
    ]);
}

function columnsOf(a: Appeal) {
  return {
    status: a.status,
    level: a.level,
    responsibleKind: a.responsible.kind,
    responsibleId: a.responsible.id,
    dueAt: new Date(a.dueAt),
    closedAt: a.status === 'closed' || a.status === 'transferred' ? new Date() : null,
    state: a,
  };
}

export async function createAppeal(
  em: EntityManager,
  input: SubmitInput,
): Promise<{ id: string; created: boolean }> {
  return em.transactional(async (tx) => {
    await lockIdempotencyKey(tx, 'appeal', input.idempotencyKey);
    const earlier = await tx.findOne(AppealRow, { idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (earlier.requestSha256 !== input.requestSha256)
        throw new RuleError<AppealRuleCode>(
          'idempotency_conflict',
          'this Idempotency-Key was used with another request',
        );
      return { id: earlier.id, created: false };
    }
    const { building, organization } = await checkSubject(tx, input);
    const now = Date.now();
    const actor: Actor = { kind: 'user', principal: input.principal };
    const routable = {
      district: { id: building.district.id, name: building.district.name },
      managementOrganization: organization ? { id: organization.id, name: organization.name } : null,
    };
    const draft = submitAppeal(
      input.policy,
      {
        id: input.id,
        registrationNumber: '',
        category: input.category,
        kind: input.kind,
        subject: input.subject,
        text: input.text,
        building: routable,
      },
      actor,
      now,
    );
    if (!draft.ok) throw refusalError(draft.refusal);
    const appeal = { ...draft.appeal, registrationNumber: await nextNumber(tx, draft.appeal.registeredOn) };
    tx.create(AppealRow, {
      id: input.id,
      registrationNumber: appeal.registrationNumber,
      category: appeal.category,
      kind: appeal.kind,
      applicant: input.principal.personId!,
      applicantUserId: input.principal.userId,
      building: building.id,
      apartment: input.subject.apartmentId ?? null,
      district: building.district.id,
      organization: organization?.id ?? null,
      receivedAt: new Date(appeal.receivedAt),
      answeredAt: null,
      answeredInTime: null,
      policy: input.policy,
      idempotencyKey: input.idempotencyKey,
      requestSha256: input.requestSha256,
      ...columnsOf(appeal),
    });
    await tx.flush();
    await linkAttachments(tx, input.id, input.principal.userId, input.attachmentIds, 'appeal');
    tx.create(AppealEvent, {
      appeal: input.id,
      actorUserId: input.principal.userId,
      action: 'submit',
      fromStatus: null,
      toStatus: appeal.status,
      data: { responsible: appeal.responsible, dueLastDay: appeal.dueLastDay },
    });
    await tx.flush();
    return { id: input.id, created: true };
  });
}

export interface StoredAppeal {
  appeal: Appeal;
  policy: AppealPolicy;
}

export async function loadAppeal(em: EntityManager, id: string): Promise<StoredAppeal | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(AppealRow, { id }, { refresh: true, fields: ['state', 'policy'] });
  return row ? { appeal: row.state, policy: row.policy } : null;
}

export interface ApplyInput {
  appealId: string;
  command: AppealCommand;
  actor: Actor;
  requestId: string;
  attachmentIds?: string[];
}

export async function applyToAppeal(em: EntityManager, input: ApplyInput): Promise<StoredAppeal> {
  return em.transactional(async (tx) => {
    const row = isUuid(input.appealId)
      ? await tx.findOne(
          AppealRow,
          { id: input.appealId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        )
      : null;
    if (!row) throw new RuleError<AppealRuleCode>('not_found', 'no such appeal');
    const [done] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from appeal_event where appeal_id = ? and data->>'requestId' = ?`,
      [row.id, input.requestId],
    );
    if ((done?.n ?? 0) > 0) return { appeal: row.state, policy: row.policy };
    const now = Date.now();
    const result = applyAppealCommand(row.policy, row.state, input.command, input.actor, now);
    if (!result.ok) throw refusalError(result.refusal);
    const from = row.state.status;
    const dueAt = row.state.dueAt;
    const next = result.appeal;
    Object.assign(row, columnsOf(next));
    // Timeliness is judged once, on the first body's term: an escalation is a miss, and a later
    // answer by the inspection does not turn it into an answer in time.
    if (input.command.type === 'escalate' && row.answeredInTime === null) row.answeredInTime = false;
    if (input.command.type === 'answer' && !row.answeredAt) {
      row.answeredAt = new Date(now);
      row.answeredInTime ??= now < dueAt;
    }
    if (input.attachmentIds?.length && input.actor.kind === 'user')
      await linkAttachments(tx, row.id, input.actor.principal.userId, input.attachmentIds, 'answer');
    tx.create(AppealEvent, {
      appeal: row.id,
      actorUserId:
        input.actor.kind === 'user' && isUuid(input.actor.principal.userId)
          ? input.actor.principal.userId
          : null,
      action: input.command.type,
      fromStatus: from,
      toStatus: next.status,
      data: { requestId: input.requestId, responsible: next.responsible },
    });
    await tx.flush();
    return { appeal: next, policy: row.policy };
  });
}
