// What the billing routers share: who may see a receipt, and the staff roles that read a
// building's books.
import { firstBookedMonth } from '../../db/billing/statement.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { buildingScopeOf, hasRole, type Role } from '../../domain/access/roles.ts';
import { addMonths } from '../../domain/billing/period.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { type Ctx, emOf } from '../context.ts';
import { forbidden, HttpProblem } from '../problem.ts';

/** The management company administering the building, its district's council and inspector, admin. */
export const STAFF: Role[] = ['management_company', 'council', 'inspector', 'admin'];

/**
 * A receipt is its owner's, and readable by the staff whose scope covers its building; a
 * resident never sees a co-owner's or a neighbour's receipt.
 */
export async function assertReceiptVisible(
  c: Ctx,
  receipt: { personId: string; buildingId: string },
): Promise<void> {
  const p = c.var.principal;
  if (hasRole(p, 'resident') && p.personId !== null && p.personId === receipt.personId) return;
  const staff = { ...p, roles: p.roles.filter((r) => STAFF.includes(r)) };
  if (
    staff.roles.length > 0 &&
    (await isBuildingInScope(emOf(c), buildingScopeOf(staff), receipt.buildingId))
  )
    return;
  throw forbidden('this receipt is not yours nor in your scope');
}

/** A month range covers at most ten years: a chart and a table people read, not an export of everything. */
const MAX_MONTHS = 120;

/**
 * The months a building's report by month covers: as asked, else from the first booked month (at
 * most 11 months back) to this month; 400 naming the field when `to` comes before `from` or the
 * range is longer than MAX_MONTHS.
 */
export async function monthRange(
  c: Ctx,
  buildingId: string,
  q: { from?: string; to?: string },
): Promise<{ from: string; to: string }> {
  const to = q.to ?? tashkentDate(Date.now()).slice(0, 7);
  let from = q.from;
  if (!from) {
    const first = (await firstBookedMonth(emOf(c), buildingId)) ?? to;
    const earliest = addMonths(to, -11);
    // biome-ignore lint/complexity/useMathMinMax: months are strings
    from = first > to ? to : first < earliest ? earliest : first;
  }
  if (to < from)
    throw new HttpProblem(400, 'to comes before from', {
      errors: [{ field: 'query.to', message: `must not come before ${from}` }],
    });
  if (addMonths(from, MAX_MONTHS - 1) < to)
    throw new HttpProblem(400, `at most ${MAX_MONTHS} months`, {
      errors: [{ field: 'query.from', message: `at most ${MAX_MONTHS} months before to` }],
    });
  return { from, to };
}
