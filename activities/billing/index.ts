// Activities of the monthly accrual (workflows/billing/accrual.ts): the districts to accrue, the
// gate over a district's buildings, one batch of apartments, and the month's scheduled income.
// Each is one transaction (a batch: one ledger statement) and idempotent by transfer ids, so a
// retried or replayed activity posts nothing twice.
import { Context } from '@temporalio/activity';
import {
  accrueBatch,
  billingDistricts,
  openDistrictMonth,
  postScheduledRevenue,
} from '../../db/billing/accrual.ts';
import type { Orm } from '../../db/orm.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { BILLING_FAILURES } from '../../workflows/billing/contract.ts';
import { ruledBy } from '../rule-failure.ts';

export interface BillingActivityDeps {
  orm: Orm;
  policy: Pick<BillingPolicy, 'chargeRounding'>;
}

const ruled = ruledBy(BILLING_FAILURES);

export function createBillingActivities({ orm, policy }: BillingActivityDeps) {
  return {
    async listBillingDistricts(): Promise<string[]> {
      return billingDistricts(orm.em.fork());
    },
    /** The month's gate for every building of the district (domain/billing/gate.ts). */
    async openBillingMonth(input: { districtId: string; period: string }) {
      return orm.em.fork().transactional((tx) => openDistrictMonth(tx, input.districtId, input.period));
    },
    async accrueBillingBatch(input: {
      districtId: string;
      period: string;
      after: string | null;
      limit: number;
    }) {
      Context.current().heartbeat(input.after);
      return ruled(accrueBatch(orm.em.fork(), input, policy));
    },
    async postBillingRevenue(input: { districtId: string; period: string }): Promise<number> {
      return ruled(postScheduledRevenue(orm.em.fork(), input.districtId, input.period));
    },
  };
}

export type BillingActivities = ReturnType<typeof createBillingActivities>;
