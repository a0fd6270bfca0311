// Everything the court package of a claim holds, gathered from where each part lives: the claim
// (billing), the decision on the management method (meetings, through its public read), the
// management contract (contracts, through its public read) and the proofs of delivery. What is
// missing is named, so the API can say which part keeps the package from being made.
import type { EntityManager } from '@mikro-orm/postgresql';
import { debtCalculation } from '../../domain/billing/court.ts';
import {
  type CourtPackage,
  missingForPackage,
  type PackageContract,
  type PackageDecision,
  type PackageGap,
} from '../../domain/billing/court-package.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import type { Language } from '../../domain/common/language.ts';
import { managementContractOf } from '../contracts/public.ts';
import { managementMethodDecision } from '../meetings/public.ts';
import { periodBalances } from './court-balances.ts';
import type { CourtClaimView } from './court-claim-views.ts';
import type { CourtRules } from './court-claims.ts';

export type PackageResult = { ok: true; package: CourtPackage } | { ok: false; missing: PackageGap[] };

export async function courtPackageOf(
  em: EntityManager,
  claim: CourtClaimView,
  lang: Language,
  asOf: string,
  policy: CourtRules,
): Promise<PackageResult> {
  const account = {
    id: accountId({ kind: 'owner_receivable', ownerId: claim.ownerId, apartmentId: claim.apartmentId }),
    ownerId: claim.ownerId,
    apartmentId: claim.apartmentId,
    buildingId: claim.buildingId,
  };
  const [balances, decision, contractCopy, parties] = await Promise.all([
    periodBalances(em, [account], asOf, policy),
    managementMethodDecision(em, claim.buildingId),
    managementContractOf(em, claim.buildingId, claim.organizationId, lang),
    em.execute<{ full_name: string; address: string; number: string; org_name: string; org_tin: string }[]>(
      `select p.full_name, b.address, ap.number, mo.name as org_name, mo.tin as org_tin
         from court_claim c join person p on p.id = c.person_id join building b on b.id = c.building_id
         join apartment ap on ap.id = c.apartment_id join management_organization mo on mo.id = c.organization_id
        where c.id = ?`,
      [claim.id],
    ),
  ]);
  const d = claim.delivery;
  const delivery = {
    mail:
      d.mail?.status === 'sent'
        ? { to: d.mail.to, messageId: d.mail.messageId ?? '', acceptedAt: d.mail.acceptedAt ?? '' }
        : null,
    notice: d.notice,
    acknowledged: d.acknowledged,
    paper: d.paper,
  };
  const contract: PackageContract | null = contractCopy
    ? {
        number: contractCopy.number,
        version: contractCopy.version,
        concludedAt: contractCopy.concludedAt,
        documentSha256: contractCopy.documentSha256,
        title: contractCopy.title,
        subtitle: contractCopy.subtitle,
        sections: contractCopy.sections,
        signatures: contractCopy.signatures,
      }
    : null;
  const calculation = debtCalculation(balances.get(account.id)!, asOf, policy);
  const missing = missingForPackage({ delivery, decision, contract, calculation });
  if (missing.length > 0 || !decision || !contract) return { ok: false, missing };
  const p = parties[0]!;
  const packageDecision: PackageDecision = { ...decision };
  return {
    ok: true,
    package: {
      claim: {
        id: claim.id,
        number: claim.number,
        madeAt: claim.asOf,
        answerBy: claim.answerBy,
        ownerName: p.full_name,
        address: p.address,
        apartmentNumber: p.number,
        personalAccount: claim.personalAccount,
        organizationName: p.org_name,
        organizationTin: p.org_tin,
      },
      calculation,
      claimedOwed: claim.calculation.totals.owed,
      decision: packageDecision,
      contract,
      delivery,
    },
  };
}
