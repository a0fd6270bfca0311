// Who votes, with what weight. The weight formula is domain/meetings/weights.ts in SQL:
// (area in centi-m² | 1 apartment) × share numerator × (scale / share denominator), where the
// scale is the LCM of the electorate's share denominators, so every weight is an exact integer.
// At lot scale (7,000+ apartments) the snapshot is one INSERT … SELECT, never a loop.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import type { VoteWeighting } from '../../domain/meetings/policy.ts';
import type { VotingRight } from '../../domain/meetings/types.ts';
import { percentOf } from '../../domain/meetings/weights.ts';
import { int, isUuid } from '../sql.ts';

/**
 * CTEs over `owners(person_id, apartment_id, num, den, area_centi)`: `scale(s)` is the LCM of the
 * denominators (1 for none), folded by a recursive CTE because PostgreSQL has lcm() but no
 * aggregate of it. Prefix the statement with `with recursive`.
 */
const SCALE_CTES = `
  dens as (select d, row_number() over (order by d) as n from (select distinct den as d from owners) x),
  folds(n, s) as (
    select 0::bigint, 1::bigint
    union all
    select dens.n, lcm(folds.s, dens.d::bigint) from folds join dens on dens.n = folds.n + 1
  ),
  scale as (select s from folds order by n desc limit 1)`;

const WEIGHT = `(case when ? = 'apartment' then 1 else o.area_centi end) * o.num * (scale.s / o.den)`;

function checkWeighting(weighting: VoteWeighting): void {
  if (weighting !== 'area' && weighting !== 'apartment')
    throw new RuleError<MeetingRuleCode>('invalid', `unknown weighting ${String(weighting)}`, ['weighting']);
}

/**
 * For initiation checks, from live ownership: the weight the given persons hold in the buildings
 * and the buildings' total, both in the same units.
 */
export async function electorateWeightOf(
  em: EntityManager,
  buildingIds: string[],
  personIds: string[],
  weighting: VoteWeighting,
): Promise<{ initiatorsWeight: number; totalWeight: number }> {
  checkWeighting(weighting);
  const buildings = buildingIds.filter(isUuid);
  if (buildings.length === 0) return { initiatorsWeight: 0, totalWeight: 0 };
  const persons = personIds.filter(isUuid);
  const initiators = persons.length > 0 ? 'o.person_id in (?)' : 'false';
  const rows = await em.execute<{ initiators: string; total: string }[]>(
    `with recursive owners as (
       select o.person_id, o.share_numerator as num, o.share_denominator as den,
              round(a.area * 100)::bigint as area_centi
       from apartment a join ownership o on o.apartment_id = a.id
       where a.building_id in (?)
     ), ${SCALE_CTES}
     select coalesce(sum(${WEIGHT}) filter (where ${initiators}), 0)::text as initiators,
            coalesce(sum(${WEIGHT}), 0)::text as total
     from owners o cross join scale`,
    persons.length > 0 ? [buildings, weighting, persons, weighting] : [buildings, weighting, weighting],
  );
  return { initiatorsWeight: int(rows[0]?.initiators ?? 0), totalWeight: int(rows[0]?.total ?? 0) };
}

export interface ElectorateSnapshot {
  eligibleOwners: number;
  totalWeight: number;
  weightScale: number;
}

/**
 * Freezes the electorate from the ownership of the meeting's buildings, weighted by the meeting's
 * own policy. Runs once: the meeting row is locked and a second call returns the stored numbers.
 */
export async function snapshotElectorate(em: EntityManager, meetingId: string): Promise<ElectorateSnapshot> {
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  return em.transactional(async (tx) => {
    const [meeting] = await tx.execute<{ done: boolean }[]>(
      'select weight_scale is not null as done from meeting where id = ? for update',
      [meetingId],
    );
    if (!meeting) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
    if (!meeting.done) {
      await tx.execute(
        `with recursive m as (
           select id, coalesce(policy->>'weighting', 'area') as weighting from meeting where id = ?
         ), owners as (
           select o.person_id, o.apartment_id, o.share_numerator as num, o.share_denominator as den,
                  round(a.area * 100)::bigint as area_centi
           from meeting_building mb
           join apartment a on a.building_id = mb.building_id
           join ownership o on o.apartment_id = a.id
           where mb.meeting_id = ?
         ), ${SCALE_CTES},
         voters as (
           insert into meeting_voter (meeting_id, apartment_id, person_id, weight, share_numerator, share_denominator)
           select m.id, o.apartment_id, o.person_id,
                  (case when m.weighting = 'apartment' then 1 else o.area_centi end) * o.num * (scale.s / o.den),
                  o.num, o.den
           from owners o cross join m cross join scale
           returning person_id, weight
         )
         update meeting set weight_scale = (select s from scale),
                total_weight = (select coalesce(sum(weight), 0) from voters),
                eligible_owners = (select count(distinct person_id) from voters),
                updated_at = now()
         where id = ?`,
        [meetingId, meetingId, meetingId],
      );
    }
    const [row] = await tx.execute<{ eligibleOwners: number; totalWeight: string; weightScale: number }[]>(
      `select eligible_owners as "eligibleOwners", total_weight::text as "totalWeight",
              weight_scale as "weightScale" from meeting where id = ?`,
      [meetingId],
    );
    return {
      eligibleOwners: row!.eligibleOwners,
      totalWeight: int(row!.totalWeight),
      weightScale: row!.weightScale,
    };
  });
}

/**
 * What the person may vote for: their own rows of the frozen electorate, then those granted to them
 * by unrevoked powers of attorney (the newest one when several cover the same apartment).
 */
export async function votingRights(
  em: EntityManager,
  meetingId: string,
  personId: string,
): Promise<VotingRight[]> {
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const [meeting] = await em.execute<{ total: string | null }[]>(
    'select total_weight::text as total from meeting where id = ?',
    [meetingId],
  );
  if (!meeting) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (!isUuid(personId)) return [];
  const rows = await em.execute<
    {
      apartmentId: string;
      apartmentNumber: string;
      buildingId: string;
      ownerId: string;
      ownerName: string;
      weight: string;
      viaProxy: boolean;
      powerOfAttorneyId: string | null;
    }[]
  >(
    `with rights as (
       select mv.apartment_id, mv.person_id, mv.weight, false as via, null::uuid as poa
       from meeting_voter mv where mv.meeting_id = ? and mv.person_id = ?
       union all
       (select distinct on (mv.apartment_id, mv.person_id) mv.apartment_id, mv.person_id, mv.weight, true, poa.id
        from power_of_attorney poa
        join meeting_voter mv on mv.meeting_id = poa.meeting_id and mv.person_id = poa.grantor_person_id
                             and (poa.apartment_id is null or poa.apartment_id = mv.apartment_id)
        where poa.meeting_id = ? and poa.proxy_person_id = ? and poa.revoked_at is null
        order by mv.apartment_id, mv.person_id, poa.recorded_at desc, poa.id)
     )
     select r.apartment_id as "apartmentId", a.number as "apartmentNumber", a.building_id as "buildingId",
            r.person_id as "ownerId", p.full_name as "ownerName", r.weight::text as weight,
            r.via as "viaProxy", r.poa as "powerOfAttorneyId"
     from rights r
     join apartment a on a.id = r.apartment_id
     join person p on p.id = r.person_id
     order by r.via, a.building_id, length(a.number), a.number, p.full_name, r.person_id`,
    [meetingId, personId, meetingId, personId],
  );
  const total = meeting.total === null ? 0 : int(meeting.total);
  return rows.map((r) => {
    const weight = int(r.weight);
    return { ...r, weight, weightPercent: percentOf(weight, total) };
  });
}

/** The proxy named on a power of attorney is identified by PINFL; the tables speak person ids. */
export async function personIdByPinfl(em: EntityManager, pinfl: string): Promise<string | null> {
  if (typeof pinfl !== 'string' || !/^[0-9]{14}$/.test(pinfl)) return null;
  const rows = await em.execute<{ id: string }[]>('select id from person where pinfl = ?', [pinfl]);
  return rows[0]?.id ?? null;
}
