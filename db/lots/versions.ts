// A lot's versions: an approved version is final, so a change is a new version, a copy of the
// approved one (its buildings stay where they are, its programme is copied) that the officer edits
// and submits to the council again. The council approves a version by signing the act of its
// decision: the act is drawn up here for the member who decides, read and signed over its exact
// bytes, the signature verified by the API (api/lots/approval.ts) and recorded with the approval in
// one transaction. Versions approved before that could be signed afterwards, once each.
import type { EntityManager } from '@mikro-orm/postgresql';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { renderLotDecisionAct } from '../../domain/lots/decision-act.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import type { SignatureEnvelope, VerificationResult } from '../../domain/signatures/types.ts';
import { isUuid } from '../sql.ts';
import { LotActSignature, LotEvent, LotRow, LotVersion } from './entities.ts';
import { copyProgramme } from './programme.ts';
import { applyToLot, type LotSummary, reviewParties, summaryOf, userName } from './repository.ts';

/**
 * Opens the next version of an approved lot as a draft, its programme copied from the approved
 * one. The request id makes a retry answer the lot as it stands and change nothing.
 */
export async function reviseLot(
  em: EntityManager,
  input: { lotId: string; requestId: string; actorUserId: string; now: Date },
): Promise<LotSummary> {
  if (!isUuid(input.lotId)) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
  return em.transactional(async (tx) => {
    if (await tx.findOne(LotEvent, { requestId: input.requestId })) return summaryOf(tx, input.lotId);
    const before = await tx.findOne(LotRow, { id: input.lotId });
    if (!before) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
    const from = before.version;
    const lot = await applyToLot(tx, {
      lotId: input.lotId,
      command: { type: 'revise' },
      party: 'officer',
      requestId: input.requestId,
      actorUserId: input.actorUserId,
      now: input.now,
      version: from,
    });
    await copyProgramme(tx, input.lotId, from, lot.state.version);
    return lot;
  });
}

export interface VersionView {
  version: number;
  buildingCount: number;
  apartments: number;
  approvedAt: string | null;
  /** `sha256:<hex>` of the act of the decision, once approved. */
  decisionDocument: string | null;
  remarks: string | null;
  /** The council member's signature over the act, once signed. */
  signature: { signerName: string; signedAt: string } | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The lot's versions, oldest first, with their decision and its signature. */
export async function versionsOf(em: EntityManager, lotId: string): Promise<VersionView[]> {
  const rows = await em.find(LotVersion, { lot: lotId }, { orderBy: { version: 'asc' }, refresh: true });
  const sigs = await em.find(LotActSignature, { lot: lotId }, { refresh: true });
  return rows.map((v) => {
    const s = sigs.find((x) => x.version === v.version);
    return {
      version: v.version,
      buildingCount: v.buildingCount,
      apartments: v.apartments,
      approvedAt: iso(v.approvedAt ?? null),
      decisionDocument: v.decisionDocument ?? null,
      remarks: v.remarks ?? null,
      signature: s ? { signerName: s.signerName, signedAt: iso(s.signedAt)! } : null,
    };
  });
}

/** The act of an approved version: its exact bytes and their hash (hex), or null before approval. */
export async function decisionActOf(
  em: EntityManager,
  lotId: string,
  version: number,
): Promise<{ html: string; sha256: string } | null> {
  const v = await em.findOne(LotVersion, { lot: lotId, version }, { refresh: true });
  if (!v?.decisionActHtml || !v.decisionDocument) return null;
  return { html: v.decisionActHtml, sha256: v.decisionDocument.replace(/^sha256:/, '') };
}

/**
 * The act approving the lot's current version as the council member deciding now would sign it:
 * the same lot, version, member and day give the same bytes, so the act the member read is the act
 * the approval stores.
 */
export async function approvalActOf(
  em: EntityManager,
  input: { lotId: string; version: number; actorUserId: string; now: number },
): Promise<{ html: string; sha256: string; signerName: string }> {
  const parties = await reviewParties(em, input.lotId);
  const signerName = await userName(em, input.actorUserId);
  const html = renderLotDecisionAct({
    lotId: input.lotId,
    districtName: parties.districtName,
    councilName: parties.councilName ?? `${parties.districtName} council`,
    lotNumber: parties.number,
    version: input.version,
    date: tashkentDate(input.now),
    apartments: (await summaryOf(em, input.lotId)).apartments,
    buildings: parties.buildings,
    decidedBy: { userId: input.actorUserId, name: signerName },
  });
  return { html, sha256: await sha256Hex(html), signerName };
}

/** Whether this request already signed (a retry answers as done). */
export async function actSignedBy(em: EntityManager, requestId: string): Promise<boolean> {
  return (await em.count(LotActSignature, { requestId })) > 0;
}

/**
 * Records a verified signature over the act of a version approved before approvals were signed,
 * under the lot's row lock, with a line in the
 * lot's history; a second signature of the same act is refused, the same request is done already.
 */
export async function recordLotActSignature(
  em: EntityManager,
  input: {
    lotId: string;
    version: number;
    user: { id: string; name: string };
    envelope: SignatureEnvelope;
    verification: VerificationResult & { status: 'verified' };
    requestId: string;
  },
): Promise<void> {
  await em.transactional(async (tx) => {
    const lot = await tx.findOneOrFail(LotRow, { id: input.lotId });
    await tx.execute('select id from lot where id = ? for update', [input.lotId]);
    if (await tx.count(LotActSignature, { requestId: input.requestId })) return;
    const v = await tx.findOneOrFail(LotVersion, { lot: input.lotId, version: input.version });
    if (await tx.count(LotActSignature, { lot: input.lotId, version: input.version }))
      throw new RuleError<LotRuleCode>(
        'wrong_state',
        `the act of version ${input.version} is signed already`,
        [],
        'already_signed',
      );
    tx.create(LotActSignature, {
      lot: input.lotId,
      version: input.version,
      document: v.decisionDocument!,
      signerUserId: input.user.id,
      signerName: input.user.name,
      envelope: input.envelope as unknown as Record<string, unknown>,
      verification: input.verification as unknown as Record<string, unknown>,
      requestId: input.requestId,
    });
    const status = `${lot.state.approval}/${lot.state.selection}`;
    tx.create(LotEvent, {
      lot: input.lotId,
      requestId: `act-signature:${input.requestId}`,
      actorUserId: input.user.id,
      action: 'act_signed',
      version: input.version,
      fromStatus: status,
      toStatus: status,
      data: { document: v.decisionDocument, signerName: input.user.name },
    });
    await tx.flush();
  });
}
