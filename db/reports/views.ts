// Read models of the reports: a building's submitted reports with their versions and work lines,
// and the district board of who reported, late or not, and which months stayed suspended.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BillingPolicy } from '../../domain/billing/public.ts';
import { suspensionRule } from '../../domain/reports/suspension.ts';
import type { WorkLine } from '../../domain/reports/types.ts';
import { forgoneContributions } from '../billing/public.ts';
import { int, iso } from '../sql.ts';

export interface VersionView {
  version: number;
  submittedAt: string;
  reason: string | null;
  late: boolean;
  note: string;
  totalCostTiyin: number;
  works: WorkLine[];
}

/** Every submitted version of the building's report for the quarter, oldest first. */
export async function versionsOf(em: EntityManager, reportId: string): Promise<VersionView[]> {
  const rows = await em.execute<
    {
      version: number;
      submitted_at: Date;
      reason: string | null;
      late: boolean;
      note: string;
      total: string;
      works: VersionView['works'] | null;
    }[]
  >(
    `select v.version, v.submitted_at, v.reason, v.late, v.note, v.total_cost_tiyin::text as total,
            (select json_agg(json_build_object('kind', w.kind, 'element', w.element, 'description', w.description,
                    'quantityMilli', w.quantity_milli, 'unit', w.unit, 'costTiyin', w.cost_tiyin,
                    'doneOn', to_char(w.done_on, 'YYYY-MM-DD'), 'photos', w.photos) order by w.line)
               from report_work w where w.version_id = v.id) as works
       from report_version v where v.report_id = ? order by v.version`,
    [reportId],
  );
  return rows.map((r) => ({
    version: r.version,
    submittedAt: iso(r.submitted_at),
    reason: r.reason,
    late: r.late,
    note: r.note,
    totalCostTiyin: int(r.total),
    works: (r.works ?? []).map((w) => ({
      ...w,
      quantityMilli: int(w.quantityMilli),
      costTiyin: int(w.costTiyin),
    })),
  }));
}

export interface ReportSummary {
  quarter: string;
  status: string;
  late: boolean | null;
  enteredAt: string | null;
  versions: number;
  keptMonths: string[];
}

/** The building's reports that were submitted, newest quarter first, and its organization's own unsubmitted ones. */
export async function submittedReports(
  em: EntityManager,
  buildingId: string,
  /** The organization managing the building, which also sees its own reports not yet submitted. */
  ownerOrganizationId: string | null = null,
): Promise<ReportSummary[]> {
  const rows = await em.execute<
    {
      quarter: string;
      status: string;
      late: boolean | null;
      entered_at: Date | null;
      versions: number;
      kept: string[] | null;
    }[]
  >(
    `select r.quarter, r.status, r.late, r.entered_at, r.kept_months as kept,
            (select count(*)::int from report_version v where v.report_id = r.id) as versions
       from report r
      where r.building_id = ? and (r.status = 'submitted' or r.organization_id = ?::uuid)
      order by r.quarter desc`,
    [buildingId, ownerOrganizationId],
  );
  return rows.map((r) => ({
    quarter: r.quarter,
    status: r.status,
    late: r.late,
    enteredAt: r.entered_at ? iso(r.entered_at) : null,
    versions: r.versions,
    keptMonths: r.kept ?? [],
  }));
}

export interface BoardRow {
  buildingId: string;
  address: string;
  organizationId: string | null;
  /** The organization's registered name, for the people who read the board. */
  organizationName: string | null;
  /** due: nothing entered; draft: started, not submitted; submitted. */
  status: 'due' | 'draft' | 'submitted';
  late: boolean | null;
  enteredAt: string | null;
  /** Months recorded as suspended for this quarter, and of them those that stayed so for good. */
  suspendedMonths: string[];
  keptMonths: string[];
  liftedFrom: string | null;
}

/** Every managed building of the district and where its report for the quarter stands. */
export async function districtBoard(
  em: EntityManager,
  districtId: string,
  quarter: string,
): Promise<BoardRow[]> {
  const rows = await em.execute<
    {
      id: string;
      address: string;
      organization_id: string | null;
      organization_name: string | null;
      status: BoardRow['status'] | null;
      late: boolean | null;
      entered_at: Date | null;
      suspended: string[] | null;
      kept: string[] | null;
      lifted_from: string | null;
    }[]
  >(
    `select b.id, b.address, coalesce(r.organization_id, b.management_organization_id) as organization_id,
            o.name as organization_name, r.status,
            r.late, r.entered_at, r.suspended_months as suspended, r.kept_months as kept, r.lifted_from
       from building b left join report r on r.building_id = b.id and r.quarter = ?
       left join management_organization o on o.id = coalesce(r.organization_id, b.management_organization_id)
      where b.district_id = ? and (b.management_organization_id is not null or r.id is not null)
      order by b.address_sort_key`,
    [quarter, districtId],
  );
  return rows.map((r) => ({
    buildingId: r.id,
    address: r.address,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.status ?? 'due',
    late: r.late,
    enteredAt: r.entered_at ? iso(r.entered_at) : null,
    suspendedMonths: r.suspended ?? [],
    keptMonths: r.kept ?? [],
    liftedFrom: r.lifted_from,
  }));
}

export interface BoardRowWithLoss extends BoardRow {
  /**
   * The contributions the quarter's missing report cost: each month billing's gate closed under
   * this quarter's stop, with what the accrual would have charged, and their sum (tiyin).
   */
  lostMonths: { period: string; amountTiyin: number }[];
  lostTiyin: number;
}

/** The board with each building's contributions lost to the quarter's suspension, as billing computes them. */
export async function districtBoardWithLosses(
  em: EntityManager,
  districtId: string,
  quarter: string,
  policy: Pick<BillingPolicy, 'chargeRounding'>,
): Promise<BoardRowWithLoss[]> {
  const rows = await districtBoard(em, districtId, quarter);
  const lost = await forgoneContributions(
    em,
    rows
      .filter((r) => r.suspendedMonths.length > 0)
      .map((r) => ({ buildingId: r.buildingId, rule: suspensionRule(quarter) })),
    policy,
  );
  return rows.map((r) => {
    const f = lost.get(r.buildingId);
    return { ...r, lostMonths: f?.months ?? [], lostTiyin: f?.totalTiyin ?? 0 };
  });
}
