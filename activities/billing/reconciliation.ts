// The daily reconciliation's one activity (workflows/billing/daily.ts): each provider's registry of
// the day (and of the day before, for payments dated across midnight) against the ledger, the bank
// statements against the ledger, and a case opened for every discrepancy not opened before, all
// in one transaction for the cases. A re-run of the day finds the same discrepancies under the
// same references and opens nothing twice; a discrepancy that went away resolves nothing.
import { ApplicationFailure } from '@temporalio/common';
import {
  bankInputs,
  buildingsOfAccounts,
  openViolations,
  providerPayments,
} from '../../db/billing/reconciliation.ts';
import type { Orm } from '../../db/orm.ts';
import { addDays } from '../../domain/billing/period.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import {
  type CardProvider,
  type Discrepancy,
  type ProviderTransaction,
  reconcileBank,
  reconcileProvider,
} from '../../domain/billing/reconciliation.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import {
  type ProviderRegistryClient,
  ProviderRegistryRejectedError,
} from '../../platform/payments/registry.ts';
import type { ReconciliationSummary } from '../../workflows/billing/contract.ts';

export interface ReconciliationDeps {
  orm: Orm;
  policy: Pick<BillingPolicy, 'reconciliation'>;
  /** A provider without a configured registry is not reconciled, and the summary says so. */
  registries: Partial<Record<CardProvider, ProviderRegistryClient>>;
}

const PROVIDERS: CardProvider[] = ['payme', 'click'];

export function createReconciliationActivities({ orm, policy, registries }: ReconciliationDeps) {
  async function providerSide(provider: CardProvider, client: ProviderRegistryClient, day: string) {
    let listed: Awaited<ReturnType<ProviderRegistryClient['day']>>[];
    try {
      listed = await Promise.all([client.day(addDays(day, -1)), client.day(day)]);
    } catch (err) {
      // The provider refusing our request will refuse it again: fail the step without retries.
      if (err instanceof ProviderRegistryRejectedError)
        throw ApplicationFailure.nonRetryable(err.message, 'ProviderRegistryRejected');
      throw err;
    }
    const all = listed.flat();
    const em = orm.em.fork();
    const buildings = await buildingsOfAccounts(
      em,
      all.map((t) => t.account),
    );
    const registry: ProviderTransaction[] = all.map((t) => ({
      provider,
      id: t.id,
      day: tashkentDate(t.performedAt),
      amount: t.amount,
      cancelled: t.cancelledAt !== null,
      buildingId: buildings.get(t.account) ?? null,
    }));
    const ledger = await providerPayments(
      em,
      provider,
      day,
      all.map((t) => t.id),
    );
    return reconcileProvider(day, provider, registry, ledger);
  }

  return {
    /** Reconciles the Tashkent day `day` (the day before the run's). */
    async reconcileBillingDay(input: { day: string }): Promise<ReconciliationSummary> {
      const { day } = input;
      const found: Discrepancy[] = [];
      const sources: ReconciliationSummary['sources'] = {
        payme: 'not_configured',
        click: 'not_configured',
        bank: 'reconciled',
      };
      for (const provider of PROVIDERS) {
        const client = registries[provider];
        if (!client) continue;
        found.push(...(await providerSide(provider, client, day)));
        sources[provider] = 'reconciled';
      }
      const r = policy.reconciliation;
      found.push(...reconcileBank(day, r, await bankInputs(orm.em.fork(), day, r)));
      const opened = await orm.em
        .fork()
        .transactional((tx) => openViolations(tx, found, `reconciliation:${day}`));
      return { day, sources, discrepancies: found.length, opened };
    },
  };
}

export type ReconciliationActivities = ReturnType<typeof createReconciliationActivities>;
