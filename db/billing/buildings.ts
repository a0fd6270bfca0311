// Buildings registered for billing: each with its own TIN and dedicated bank account. Registered
// on the owners' application (filed through the council or the management company), or by the
// developer for a new building, counting from the day it is commissioned. Registration opens the
// building's accounts on the ledger.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BillingRuleCode } from '../../domain/billing/errors.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { ensureAccounts } from './ledger.ts';

export interface RegistrationInput {
  buildingId: string;
  tin: string;
  bankAccount: string;
  bankCode: string;
  registeredBy: 'owners' | 'developer';
  userId: string | null;
  commissioningApplicationId: string | null;
  /** Null: a developer's filing waiting for the commissioning. */
  registeredOn: string | null;
  idempotencyKey: string;
  requestSha256: string;
}

export interface RegistrationView {
  buildingId: string;
  tin: string;
  bankAccount: string;
  bankCode: string;
  registeredBy: 'owners' | 'developer';
  registeredOn: string | null;
}

type Row = {
  building_id: string;
  tin: string;
  bank_account: string;
  bank_code: string;
  registered_by: 'owners' | 'developer';
  registered_on: string | null;
  idempotency_key: string;
  request_sha256: string;
};
const view = (r: Row): RegistrationView => ({
  buildingId: r.building_id,
  tin: r.tin,
  bankAccount: r.bank_account,
  bankCode: r.bank_code,
  registeredBy: r.registered_by,
  registeredOn: r.registered_on,
});

export async function registrationOf(
  em: EntityManager,
  buildingId: string,
): Promise<RegistrationView | null> {
  const [row] = await em.execute<Row[]>(`select * from billing_building where building_id = ?`, [buildingId]);
  return row ? view(row) : null;
}

/** One transaction; the same key and body answer the stored registration, another body is refused. */
export async function registerBuilding(
  em: EntityManager,
  r: RegistrationInput,
): Promise<{ registration: RegistrationView; created: boolean }> {
  return em.transactional(async (tx) => {
    const [earlier] = await tx.execute<Row[]>(
      `select * from billing_building where building_id = ? or idempotency_key = ? for update`,
      [r.buildingId, r.idempotencyKey],
    );
    if (earlier) {
      if (earlier.idempotency_key === r.idempotencyKey && earlier.request_sha256 === r.requestSha256)
        return { registration: view(earlier), created: false };
      if (earlier.idempotency_key === r.idempotencyKey)
        throw new RuleError<BillingRuleCode>(
          'idempotency_conflict',
          'this Idempotency-Key was used with another request',
        );
      throw new RuleError<BillingRuleCode>(
        'already_registered',
        'the building is already registered for billing',
        ['buildingId'],
      );
    }
    const taken = await tx.execute<{ tin: string; bank_account: string }[]>(
      `select tin, bank_account from billing_building where tin = ? or bank_account = ?`,
      [r.tin, r.bankAccount],
    );
    if (taken.length > 0)
      throw new RuleError<BillingRuleCode>(
        'already_registered',
        'each building has its own TIN and bank account: this one belongs to another building',
        taken.some((t) => t.tin === r.tin) ? ['tin'] : ['bankAccount'],
      );
    const [row] = await tx.execute<Row[]>(
      `insert into billing_building (building_id, tin, bank_account, bank_code, registered_by, registered_by_user_id,
                                     commissioning_application_id, registered_on, idempotency_key, request_sha256,
                                     created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) returning *`,
      [
        r.buildingId,
        r.tin,
        r.bankAccount,
        r.bankCode,
        r.registeredBy,
        r.userId,
        r.commissioningApplicationId,
        r.registeredOn,
        r.idempotencyKey,
        r.requestSha256,
      ],
    );
    await ensureAccounts(tx, [
      accountId({ kind: 'building_bank', buildingId: r.buildingId }),
      accountId({ kind: 'revenue', buildingId: r.buildingId, revenue: 'contributions' }),
    ]);
    return { registration: view(row!), created: true };
  });
}

/**
 * Called by the commissioning capability in the transaction that commissions the building: a
 * developer's filing waiting for it starts counting from that day. Nothing filed: nothing to do.
 */
export async function startBillingOnCommissioning(
  em: EntityManager,
  buildingId: string,
  commissionedOn: string,
): Promise<void> {
  await em.execute(
    `update billing_building set registered_on = ? where building_id = ? and registered_on is null`,
    [commissionedOn, buildingId],
  );
}
