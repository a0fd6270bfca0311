// Activities of the daily billing run (workflows/billing/daily.ts): one batch of owner accounts'
// penalties (one ledger statement), one batch of owners for the electricity block. Both are
// idempotent: a retried batch finds the ledger and the blocks already where it would put them.
import { Context } from '@temporalio/activity';
import { electricityBatch } from '../../db/billing/electricity.ts';
import { postPenaltyBatch } from '../../db/billing/penalties.ts';
import type { Orm } from '../../db/orm.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { BILLING_FAILURES } from '../../workflows/billing/contract.ts';
import { ruledBy } from '../rule-failure.ts';

const ruled = ruledBy(BILLING_FAILURES);

export function createDebtorActivities({ orm, policy }: { orm: Orm; policy: BillingPolicy }) {
  return {
    async postPenaltyBatch(input: { asOf: string; after: string | null; limit: number }) {
      Context.current().heartbeat(input.after);
      return ruled(postPenaltyBatch(orm.em.fork(), input, policy));
    },
    async electricityBatch(input: { date: string; after: string | null; limit: number }) {
      Context.current().heartbeat(input.after);
      return ruled(electricityBatch(orm.em.fork(), input, policy));
    },
  };
}

export type DebtorActivities = ReturnType<typeof createDebtorActivities>;
