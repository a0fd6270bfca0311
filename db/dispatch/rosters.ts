// On-call rosters: shifts per organization, the coverage check over the coming days, and the
// shifts on duty at an instant for routing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { DispatchRuleCode } from '../../domain/dispatch/errors.ts';
import { type CoverageGap, coverageGaps, type RosterRole, type Shift } from '../../domain/dispatch/roster.ts';
import { DISPATCH_CATEGORIES, type DispatchCategory } from '../../domain/dispatch/triage.ts';
import { Building } from '../registry/entities.ts';
import { isUuid, lockIdempotencyKey } from '../sql.ts';
import { DispatchShift } from './entities.ts';

export interface ShiftView extends Shift {
  name: string;
}

const viewOf = (r: InstanceType<typeof DispatchShift.class>): ShiftView => ({
  id: r.id,
  userId: r.userId,
  name: r.name,
  role: r.role,
  startsAt: r.startsAt.getTime(),
  endsAt: r.endsAt.getTime(),
  categories: r.categories,
  buildingIds: r.buildingIds,
});

/** Shifts that overlap [from, to). */
export async function shiftsBetween(
  em: EntityManager,
  organizationId: string,
  from: number,
  to: number,
): Promise<ShiftView[]> {
  const rows = await em.find(
    DispatchShift,
    { organization: organizationId, startsAt: { $lt: new Date(to) }, endsAt: { $gt: new Date(from) } },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  return rows.map(viewOf);
}

export const shiftsAt = (em: EntityManager, organizationId: string, at: number) =>
  shiftsBetween(em, organizationId, at, at + 1);

/** Is the user on the organization's roster in this role: a shift of theirs not yet over at `at`. */
export async function onRoster(
  em: EntityManager,
  organizationId: string,
  userId: string,
  role: RosterRole,
  at: number,
): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const n = await em.count(DispatchShift, {
    organization: organizationId,
    userId,
    role,
    endsAt: { $gt: new Date(at) },
  });
  return n > 0;
}

export interface AddShiftInput {
  organizationId: string;
  userId: string;
  name: string;
  role: RosterRole;
  startsAt: number;
  endsAt: number;
  categories: DispatchCategory[];
  buildingIds: string[];
  createdByUserId: string;
  idempotencyKey: string;
}

export async function addShift(
  em: EntityManager,
  input: AddShiftInput,
): Promise<{ shift: ShiftView; created: boolean }> {
  if (!(input.endsAt > input.startsAt))
    throw new RuleError<DispatchRuleCode>('invalid', 'a shift ends after it starts', ['endsAt']);
  return em.transactional(async (tx) => {
    await lockIdempotencyKey(tx, 'dispatch_shift', input.idempotencyKey);
    const earlier = await tx.findOne(DispatchShift, { idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (
        earlier.organization.id !== input.organizationId ||
        earlier.startsAt.getTime() !== input.startsAt ||
        earlier.userId !== input.userId
      )
        throw new RuleError<DispatchRuleCode>(
          'idempotency_conflict',
          'this Idempotency-Key was used with another request',
        );
      return { shift: viewOf(earlier), created: false };
    }
    if (input.buildingIds.length) {
      const n = await tx.count(Building, {
        id: { $in: input.buildingIds },
        managementOrganization: input.organizationId,
      });
      if (n !== new Set(input.buildingIds).size)
        throw new RuleError<DispatchRuleCode>('invalid', 'buildings must be managed by the organization', [
          'buildingIds',
        ]);
    }
    const row = tx.create(DispatchShift, {
      organization: input.organizationId,
      userId: input.userId,
      name: input.name,
      role: input.role,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      categories: input.categories,
      buildingIds: input.buildingIds,
      createdByUserId: input.createdByUserId,
      idempotencyKey: input.idempotencyKey,
    });
    await tx.flush();
    return { shift: viewOf(row), created: true };
  });
}

/** Removes a shift of the organization; true when there was one. */
export async function removeShift(em: EntityManager, organizationId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await em.nativeDelete(DispatchShift, { id, organization: organizationId })) > 0;
}

/** The organization's roster and its 24/7 gaps between `from` and `to`. */
export async function rosterCoverage(
  em: EntityManager,
  organizationId: string,
  from: number,
  to: number,
): Promise<{ shifts: ShiftView[]; gaps: CoverageGap[] }> {
  const shifts = await shiftsBetween(em, organizationId, from, to);
  return { shifts, gaps: coverageGaps(shifts, from, to, DISPATCH_CATEGORIES) };
}

export interface RosterPerson {
  userId: string;
  name: string;
}

/**
 * The people the organization has rostered before, by their latest name, for picking who takes a
 * new shift. Users live in the identity provider, not here: a person first rostered through the
 * API (POST /dispatch/roster/shifts) is known from then on.
 */
export async function rosterStaff(em: EntityManager, organizationId: string): Promise<RosterPerson[]> {
  const rows: { user_id: string; name: string }[] = await em.getConnection().execute(
    `select distinct on (user_id) user_id, name from dispatch_shift
      where organization_id = ? order by user_id, created_at desc limit 500`,
    [organizationId],
  );
  return rows
    .map((r) => ({ userId: r.user_id, name: r.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/**
 * A technician on call does not lay out the roster: the staff whose coming shifts are all as
 * technicians may read it but not change it. Everyone else of the organization (its manager, its
 * dispatchers) may; the token carries no finer role than management_company to tell them apart.
 */
export async function editsRoster(
  em: EntityManager,
  organizationId: string,
  userId: string,
  at: number,
): Promise<boolean> {
  return (
    !(await onRoster(em, organizationId, userId, 'technician', at)) ||
    (await onRoster(em, organizationId, userId, 'dispatcher', at))
  );
}
