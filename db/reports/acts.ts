// The acts of completed works (domain/reports/act.ts): one per submitted version, drawn up in the
// submission's transaction from the frozen version, and signed over its exact bytes by the
// reporting organization and by the owners' representative. Signatures are verified before the
// transaction (the verifier may be remote, api/reports/acts.ts); here they are recorded under the
// report's row lock, once per party, and a repeated request finds its own signature.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { renderWorksActHtml, type WorksActParty } from '../../domain/reports/act.ts';
import type { ReportRuleCode } from '../../domain/reports/errors.ts';
import type { ReportVersion } from '../../domain/reports/types.ts';
import type { SignatureEnvelope, SignerIdentity, VerificationResult } from '../../domain/signatures/types.ts';
import { ownersRepresentativeOf } from '../contracts/public.ts';
import { isUuid } from '../sql.ts';
import { ReportAct, ReportActSignature } from './entities.ts';

const refuse = (code: ReportRuleCode, message: string, fields: string[] = []): never => {
  throw new RuleError<ReportRuleCode>(code, message, fields);
};

/** Draws up the version's act inside the submission's transaction. */
export async function drawUpAct(
  tx: EntityManager,
  report: { id: string; buildingId: string; quarter: string; organizationId: string },
  v: ReportVersion,
): Promise<void> {
  const [row] = await tx.execute<{ address: string; cadastral: string; name: string; tin: string }[]>(
    `select b.address, b.cadastral_number as cadastral, o.name, o.tin
       from building b, management_organization o where b.id = ? and o.id = ?`,
    [report.buildingId, report.organizationId],
  );
  if (!row) return refuse('not_found', 'no such building or organization', ['buildingId']);
  const html = renderWorksActHtml({
    reportId: report.id,
    quarter: report.quarter,
    version: v.version,
    date: tashkentDate(v.submittedAt),
    building: { address: row.address, cadastralNumber: row.cadastral },
    organization: { name: row.name, tin: row.tin },
    works: v.content.works,
  });
  tx.create(ReportAct, {
    report: report.id,
    version: v.version,
    organization: report.organizationId,
    sha256: await sha256Hex(html),
    html,
  });
}

export interface ActSignatureView {
  party: WorksActParty;
  signerName: string;
  capacity: string;
  signedAt: string;
}

export interface ActView {
  id: string;
  version: number;
  sha256: string;
  signatures: ActSignatureView[];
  /** Both parties signed. */
  complete: boolean;
}

/** The acts of a report, one per submitted version, with their signatures. */
export async function actsOf(em: EntityManager, reportId: string): Promise<ActView[]> {
  const acts = await em.find(ReportAct, { report: reportId }, { orderBy: { version: 'asc' } });
  const sigs = acts.length
    ? await em.find(
        ReportActSignature,
        { act: { $in: acts.map((a) => a.id) } },
        { orderBy: { signedAt: 'asc' } },
      )
    : [];
  return acts.map((a) => {
    const signatures = sigs
      .filter((s) => s.act.id === a.id)
      .map((s) => ({
        party: s.party,
        signerName: s.signerName,
        capacity: s.capacity,
        signedAt: new Date(s.signedAt).toISOString(),
      }));
    return { id: a.id, version: a.version, sha256: a.sha256, signatures, complete: signatures.length === 2 };
  });
}

/** The act of one version, with its bytes. */
export async function actOf(em: EntityManager, reportId: string, version: number) {
  const row = await em.findOne(ReportAct, { report: reportId, version }, { refresh: true });
  return row ? { id: row.id, sha256: row.sha256, html: row.html, organizationId: row.organization.id } : null;
}

export interface ActSigner {
  party: WorksActParty;
  /** 'staff' for the organization; 'representative' (the management contract's) or 'council' for the owners. */
  capacity: 'staff' | 'representative' | 'council';
  /** Whom the signature must name (E-IMZO checks the certificate; the built-in scheme the caller's own key). */
  expected: SignerIdentity;
}

/**
 * For whom this caller signs the act. The organization signs through its staff. The owners sign
 * through the representative their management contract in force names; a building without one
 * (no contract signed in the system yet) through its district's council, which oversees the
 * organization on the owners' behalf.
 */
export async function signerOf(
  em: EntityManager,
  p: Principal,
  buildingId: string,
  organizationId: string,
): Promise<ActSigner | null> {
  const [row] = await em.execute<{ district_id: string; tin: string; pinfl: string | null }[]>(
    `select b.district_id, o.tin, (select pinfl from person where id = ?::uuid) as pinfl
       from building b, management_organization o where b.id = ? and o.id = ?`,
    [p.personId, buildingId, organizationId],
  );
  if (!row) return null;
  if (p.roles.includes('management_company') && p.organizationId === organizationId)
    return { party: 'organization', capacity: 'staff', expected: { tin: row.tin } };
  const representative = await ownersRepresentativeOf(em, buildingId, organizationId);
  if (representative)
    return representative.userId === p.userId
      ? { party: 'owners', capacity: 'representative', expected: pinflOf(representative.pinfl) }
      : null;
  if (p.roles.includes('council') && p.districtId === row.district_id)
    return { party: 'owners', capacity: 'council', expected: pinflOf(row.pinfl) };
  return null;
}

const pinflOf = (pinfl: string | null): SignerIdentity => (pinfl ? { pinfl } : {});

export interface RecordActSignatureInput {
  reportId: string;
  actId: string;
  signer: ActSigner;
  user: { id: string; name: string };
  envelope: SignatureEnvelope;
  verification: VerificationResult & { status: 'verified' };
  requestId: string;
}

/** Records a verified signature; the same request again is answered as done, another for a signed party 409. */
export async function recordActSignature(em: EntityManager, input: RecordActSignatureInput): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(`select id from report where id = ? for update`, [input.reportId]);
    const mine = await tx.findOne(ReportActSignature, { act: input.actId, requestId: input.requestId });
    if (mine) return;
    if (await tx.count(ReportActSignature, { act: input.actId, party: input.signer.party }))
      refuse('wrong_state', `the ${input.signer.party} side has signed this act already`);
    tx.create(ReportActSignature, {
      act: input.actId,
      party: input.signer.party,
      signerUserId: input.user.id,
      signerName: input.user.name,
      capacity: input.signer.capacity,
      envelope: input.envelope,
      verification: input.verification as unknown as Record<string, unknown>,
      requestId: input.requestId,
    });
  });
}

/** The request already signed (a retry), so the answer is the act as it stands. */
export async function signedBy(em: EntityManager, actId: string, requestId: string): Promise<boolean> {
  if (!isUuid(actId)) return false;
  return (await em.count(ReportActSignature, { act: actId, requestId })) > 0;
}
