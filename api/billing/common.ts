// What the billing routers share: who may see a receipt, and the staff roles that read a
// building's books.
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { buildingScopeOf, hasRole, type Role } from '../../domain/access/roles.ts';
import { type Ctx, emOf } from '../context.ts';
import { forbidden } from '../problem.ts';

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
