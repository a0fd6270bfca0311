// The acts both parties sign (domain/commissioning/act.ts): drawn up by the developer, signed by the
// developer and the named management organization over the exact stored bytes. The signature that
// completes an act records its condition in the same transaction, as filed by the developer who
// drew the act up: the signatures, not anyone's word, are the evidence.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { type ActKind, CONDITION_OF_ACT, renderActHtml } from '../../domain/commissioning/act.ts';
import { renderActSignMail } from '../../domain/commissioning/act-mail.ts';
import type { CommissioningRuleCode } from '../../domain/commissioning/errors.ts';
import type { Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import type { SignatureEnvelope, VerificationResult } from '../../domain/signatures/types.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { noticeTexts, notify } from '../notifications/public.ts';
import { ManagementOrganization } from '../registry/entities.ts';
import { peopleActingFor } from '../registry/scope.ts';
import { isUuid, lockIdempotencyKey } from '../sql.ts';
import { CommissioningAct, CommissioningActSignature, CommissioningApplicationRow } from './entities.ts';
import { applyLocked, lockApplication } from './repository.ts';

export type ActParty = 'developer' | 'management_organization';

export interface DrawUpInput {
  applicationId: string;
  kind: ActKind;
  organizationId: string;
  panels?: { count: number; capacityKw: number };
  principal: Principal;
  idempotencyKey: string;
  /** The portal the parties' signing mail links to (config PORTAL_URL). */
  portalUrl: string;
}

/**
 * Draws up an act and, in the same transaction, tells both parties it awaits their signature:
 * their people through notifications, the application's contact address and the organization's
 * mailbox through the outbox. Every key names the act and the party, so nothing goes twice.
 */
export async function drawUpAct(em: EntityManager, input: DrawUpInput): Promise<string> {
  return em.transactional(async (tx) => {
    await lockIdempotencyKey(tx, 'commissioning_act', input.idempotencyKey);
    const seen = await tx.findOne(CommissioningAct, { idempotencyKey: input.idempotencyKey });
    if (seen) return seen.id;
    const row = await lockApplication(tx, input.applicationId);
    if (input.principal.developerTin !== row.developerTin)
      throw new RuleError<CommissioningRuleCode>('forbidden', 'only the developer draws up the acts');
    if (!['applied', 'checking', 'waiting'].includes(row.state))
      throw new RuleError<CommissioningRuleCode>('wrong_state', `the application is ${row.state}`);
    if (input.kind === 'solar_transfer' && !input.panels)
      throw new RuleError<CommissioningRuleCode>('invalid', 'a solar transfer names the panels', ['panels']);
    const org = isUuid(input.organizationId)
      ? await tx.findOne(ManagementOrganization, { id: input.organizationId })
      : null;
    if (!org)
      throw new RuleError<CommissioningRuleCode>('invalid', 'no such management organization', [
        'organizationId',
      ]);
    const actInput = {
      kind: input.kind,
      applicationId: row.id,
      date: tashkentDate(Date.now()),
      building: { cadastralNumber: row.cadastralNumber, address: row.passport?.address ?? null },
      developer: { name: row.developerName, tin: row.developerTin },
      organization: { name: org.name, tin: org.tin },
      ...(input.kind === 'solar_transfer' ? { panels: input.panels } : {}),
    };
    const html = renderActHtml(actInput);
    const sha256 = await sha256Hex(html);
    const act = tx.create(CommissioningAct, {
      id: randomUUID(),
      application: row.id,
      kind: input.kind,
      organization: org,
      sha256,
      html,
      input: actInput,
      createdByUserId: input.principal.userId,
      idempotencyKey: input.idempotencyKey,
    });
    await tx.flush();
    const link = objectLink(input.portalUrl, 'commissioning', row.id);
    const render = (otherParty: string) => (lang: Language) =>
      renderActSignMail(lang, { kind: input.kind, cadastralNumber: row.cadastralNumber, otherParty, link });
    const key = (party: ActParty) => `commissioning:${row.id}:act:${act.id}:sign:${party}`;
    // The people of each party by their own channels and language: the developer's applicant and
    // whoever drew the act up, the staff who act for the organization.
    const parties: { party: ActParty; people: string[]; other: string }[] = [
      {
        party: 'developer',
        people: await peopleActingFor(tx, { userIds: [row.applicantUserId, input.principal.userId] }),
        other: org.name,
      },
      {
        party: 'management_organization',
        people: await peopleActingFor(tx, { organizationIds: [org.id] }),
        other: row.developerName,
      },
    ];
    const now = new Date();
    for (const { party, people, other } of parties) {
      if (people.length === 0) continue;
      await notify(
        tx,
        {
          kind: 'commissioning_update',
          organizationId: org.id,
          texts: noticeTexts(render(other), link),
          idempotencyKey: key(party),
          recipients: people.map((personId) => ({ personId })),
        },
        now,
      );
    }
    // The application's contact address and the organization's mailbox are no persons and record
    // no language: the mail in the state language, through the outbox.
    await enqueueMail(tx, [
      { idempotencyKey: key('developer'), to: row.contactEmail, ...render(org.name)('uz') },
      { idempotencyKey: key('management_organization'), to: org.email, ...render(row.developerName)('uz') },
    ]);
    return act.id;
  });
}

export async function actOf(em: EntityManager, applicationId: string, actId: string) {
  if (!isUuid(actId)) return null;
  return em.findOne(
    CommissioningAct,
    { id: actId, application: applicationId },
    { populate: ['organization'] },
  );
}

/** For whom this caller signs the act, if anyone. */
export function partyOf(
  p: Principal,
  act: { organizationId: string },
  developerTin: string,
): { party: ActParty; tin: string } | null {
  if (p.developerTin === developerTin) return { party: 'developer', tin: developerTin };
  if (p.roles.includes('management_company') && p.organizationId === act.organizationId)
    return { party: 'management_organization', tin: '' };
  return null;
}

export interface RecordSignatureInput {
  applicationId: string;
  actId: string;
  party: ActParty;
  tin: string;
  signer: { userId: string; name: string };
  envelope: SignatureEnvelope;
  verification: VerificationResult & { status: 'verified' };
}

/** Stores a verified signature; the second party's completes the act and records its condition. */
export async function recordActSignature(em: EntityManager, input: RecordSignatureInput): Promise<void> {
  await em.transactional(async (tx) => {
    const row = await lockApplication(tx, input.applicationId);
    const act = await tx.findOneOrFail(CommissioningAct, { id: input.actId, application: row.id });
    const existing = await tx.find(CommissioningActSignature, { act: act.id });
    if (existing.some((s) => s.party === input.party))
      throw new RuleError<CommissioningRuleCode>(
        'wrong_state',
        `the ${input.party.replace('_', ' ')} has signed this act already`,
      );
    tx.create(CommissioningActSignature, {
      act: act.id,
      party: input.party,
      tin: input.tin,
      signerUserId: input.signer.userId,
      signerName: input.signer.name,
      envelope: input.envelope,
      verification: input.verification as unknown as Record<string, unknown>,
    });
    if (existing.length === 0) return;
    const org = await tx.findOneOrFail(ManagementOrganization, { id: act.organization.id });
    const tins = [...existing.map((s) => s.tin), input.tin];
    await applyLocked(
      tx,
      row,
      {
        type: 'record_condition',
        condition: CONDITION_OF_ACT[act.kind],
        evidence: { documentId: act.id, signedByTins: tins, managementOrganizationTin: org.tin },
      },
      {
        kind: 'user',
        principal: {
          userId: act.createdByUserId,
          personId: null,
          roles: [],
          organizationId: null,
          districtId: null,
          name: row.developerName,
        },
        actingForTin: row.developerTin,
      },
    );
  });
}

export async function actsOf(em: EntityManager, applicationId: string) {
  const acts = await em.find(
    CommissioningAct,
    { application: applicationId },
    { orderBy: { createdAt: 'asc' }, populate: ['organization'] },
  );
  const sigs = await em.find(CommissioningActSignature, { act: { $in: acts.map((a) => a.id) } });
  return acts.map((a) => ({
    id: a.id,
    kind: a.kind,
    sha256: a.sha256,
    organization: { id: a.organization.id, name: a.organization.name, tin: a.organization.tin },
    createdAt: new Date(a.createdAt).toISOString(),
    signatures: sigs
      .filter((s) => s.act.id === a.id)
      .map((s) => ({
        party: s.party,
        tin: s.tin,
        signerName: s.signerName,
        signedAt: new Date(s.signedAt).toISOString(),
      })),
  }));
}

export { CommissioningApplicationRow };
