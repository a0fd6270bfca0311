// The application window of a lot's owners' choice: organizations apply with their tariff and may
// withdraw while it is open. Each step is the reducer's (domain/lots/status.ts) under the lot's row
// lock (applyToLot) with the application row written in the same transaction; eligibility is the
// register's verdict (its public module). A retried request under its key gets its first answer.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import { currentApplicationOf } from '../register/public.ts';
import { ManagementOrganization } from '../registry/entities.ts';
import { scopeWhere } from '../registry/scope.ts';
import { isUuid } from '../sql.ts';
import { LotApplication, LotRow } from './entities.ts';
import { applyToLot, earlierLotAnswer, rememberLotAnswer } from './repository.ts';

/**
 * Meets the register's minimum requirements now: registered on its latest application with every
 * requirement met, or, carried over from the paper register with no application, registered there.
 */
export async function meetsMinimumRequirements(em: EntityManager, organizationId: string): Promise<boolean> {
  const application = await currentApplicationOf(em, organizationId);
  if (application) return application.state === 'registered' && application.verdicts.every((v) => v.ok);
  const org = await em.findOne(
    ManagementOrganization,
    { id: organizationId },
    { fields: ['registerStatus'] },
  );
  return org?.registerStatus === 'registered';
}

export interface CandidateView {
  organizationId: string;
  organizationName: string;
  /** Tiyin per m² a month. */
  tariff: number;
  appliedAt: string;
}

/** The candidates of the lot's current version, by tariff then application. */
export async function lotCandidates(em: EntityManager, lotId: string): Promise<CandidateView[]> {
  if (!isUuid(lotId)) return [];
  return em.execute<CandidateView[]>(
    `select a.organization_id as "organizationId", o.name as "organizationName", a.tariff,
            to_char(a.applied_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "appliedAt"
       from lot_application a join lot l on l.id = a.lot_id and l.version = a.version
       join management_organization o on o.id = a.organization_id
      where a.lot_id = ? order by a.tariff, a.applied_at, a.organization_id`,
    [lotId],
  );
}

export interface ApplicationStep {
  lotId: string;
  organizationId: string;
  actorUserId: string;
  /** The operation, the caller and their Idempotency-Key. */
  requestKey: string;
  requestSha256: string;
  now: Date;
}

export interface ApplicationAnswer {
  lotId: string;
  organizationId: string;
  /** The offer standing after the step; null once withdrawn. */
  tariff: number | null;
  applicationsCloseAt: string | null;
}

async function step(
  em: EntityManager,
  input: ApplicationStep,
  run: (tx: EntityManager) => Promise<ApplicationAnswer>,
): Promise<ApplicationAnswer> {
  if (!isUuid(input.lotId)) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
  return em.transactional(async (tx) => {
    const earlier = await earlierLotAnswer<ApplicationAnswer>(tx, input.requestKey, input.requestSha256);
    if (earlier) return earlier;
    const answer = await run(tx);
    await rememberLotAnswer(tx, input.requestKey, input.requestSha256, answer);
    return answer;
  });
}

/** Applies for the lot with a tariff, or replaces the organization's offer within the window. */
export function applyForLot(
  em: EntityManager,
  input: ApplicationStep & { tariff: number },
): Promise<ApplicationAnswer> {
  return step(em, input, async (tx) => {
    const eligible = await meetsMinimumRequirements(tx, input.organizationId);
    const lot = await applyToLot(tx, {
      lotId: input.lotId,
      command: { type: 'apply', organizationId: input.organizationId, tariff: input.tariff, eligible },
      party: 'organization',
      requestId: input.requestKey,
      actorUserId: input.actorUserId,
      now: input.now,
    });
    await tx.execute(
      `insert into lot_application (id, lot_id, version, organization_id, tariff, applied_at, applied_by_user_id)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
       on conflict (lot_id, version, organization_id)
       do update set tariff = excluded.tariff, applied_at = excluded.applied_at,
                     applied_by_user_id = excluded.applied_by_user_id`,
      [input.lotId, lot.state.version, input.organizationId, input.tariff, input.now, input.actorUserId],
    );
    return {
      lotId: input.lotId,
      organizationId: input.organizationId,
      tariff: input.tariff,
      applicationsCloseAt: new Date(lot.state.applicationsCloseAt!).toISOString(),
    };
  });
}

/** Withdraws the organization's application while the window is open. */
export function withdrawFromLot(em: EntityManager, input: ApplicationStep): Promise<ApplicationAnswer> {
  return step(em, input, async (tx) => {
    const lot = await applyToLot(tx, {
      lotId: input.lotId,
      command: { type: 'withdraw', organizationId: input.organizationId },
      party: 'organization',
      requestId: input.requestKey,
      actorUserId: input.actorUserId,
      now: input.now,
    });
    await tx.nativeDelete(LotApplication, {
      lot: input.lotId,
      version: lot.state.version,
      organization: input.organizationId,
    });
    return {
      lotId: input.lotId,
      organizationId: input.organizationId,
      tariff: null,
      applicationsCloseAt: new Date(lot.state.applicationsCloseAt!).toISOString(),
    };
  });
}

/** Whether the lot exists and is in this organization's reach: any approved lot is open to all. */
export async function lotDistrictOf(em: EntityManager, lotId: string): Promise<string | null> {
  if (!isUuid(lotId)) return null;
  const row = await em.findOne(LotRow, { id: lotId }, { fields: ['district'] });
  return row?.district.id ?? null;
}

/** Whether the person owns an apartment in a building of the lot now (the registry's owner scope). */
export async function ownsInLot(em: EntityManager, personId: string | null, lotId: string): Promise<boolean> {
  const where = personId ? scopeWhere({ kind: 'owner', personId }) : null;
  if (!where || !isUuid(lotId)) return false;
  const rows = await em.execute<{ ok: boolean }[]>(
    `select exists (select 1 from lot_membership m join building b on b.id = m.building_id
                     where m.lot_id = ? and m.until is null and ${where.sql}) as ok`,
    [lotId, ...where.params],
  );
  return rows[0]?.ok === true;
}
