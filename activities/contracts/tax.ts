// Registration of common-property contracts with the tax authority, and what a missed deadline
// sets off: the organization answers for the registration, so it leaves the register.
import { ApplicationFailure } from '@temporalio/common';
import { Contract, ContractBuilding } from '../../db/contracts/entities.ts';
import {
  flagContractsOf,
  markTaxOverdue,
  recordTaxError,
  recordTaxRegistration,
} from '../../db/contracts/tax.ts';
import {
  currentApplicationOf,
  type RemovalReason,
  removeWithoutApplication,
} from '../../db/register/public.ts';
import type { CommonPropertyParameters } from '../../domain/contracts/document.ts';
import {
  TaxAuthorityRejectedError,
  type TaxRegistrationRequest,
} from '../../platform/tax-authority/client.ts';
import { type ContractFlowState, TAX_REJECTED } from '../../workflows/contracts/contract.ts';
import type { ContractActivityDeps } from './deps.ts';

export function createTaxActivities(
  deps: ContractActivityDeps,
  flowState: (contractId: string) => Promise<ContractFlowState>,
) {
  const { orm } = deps;

  async function requestOf(contractId: string): Promise<TaxRegistrationRequest> {
    const em = orm.em.fork();
    const c = await em.findOneOrFail(Contract, { id: contractId }, { populate: ['organization'] });
    const cb = await em.findOneOrFail(ContractBuilding, { contract: contractId }, { populate: ['building'] });
    const p = c.parameters as CommonPropertyParameters;
    return {
      contractNumber: c.number,
      contractId: c.id,
      kind: c.kind === 'common_property_lease' ? 'lease' : 'gratuitous_use',
      lessor: { name: c.organization.name, tin: c.organization.tin },
      lessee: {
        name: c.counterpartyName,
        ...(c.counterpartyTin ? { tin: c.counterpartyTin } : {}),
        ...(c.counterpartyPinfl ? { pinfl: c.counterpartyPinfl } : {}),
      },
      building: { cadastralNumber: cb.building.cadastralNumber, address: cb.building.address },
      premises: p.premises,
      monthlyRentUzs: p.monthlyRentUzs,
      startDate: p.startDate,
      termMonths: p.termMonths,
      signedAt: new Date(c.concludedAt!).toISOString(),
      documentSha256: c.documentSha256!,
    };
  }

  return {
    /**
     * Registers the contract, or finds it registered already (the organization may have filed it
     * at the authority directly). An unavailable authority is retried by the workflow's policy;
     * a refusal is recorded for the organization to see and stops the retries.
     */
    async registerWithTaxAuthority(contractId: string): Promise<ContractFlowState> {
      try {
        const found = await deps.taxAuthority.lookup(contractId);
        const r =
          found ?? (await deps.taxAuthority.register(await requestOf(contractId), `contract:${contractId}`));
        await recordTaxRegistration(orm.em.fork(), contractId, r);
        return flowState(contractId);
      } catch (err) {
        await recordTaxError(orm.em.fork(), contractId, (err as Error).message);
        if (err instanceof TaxAuthorityRejectedError)
          throw ApplicationFailure.nonRetryable(err.message, TAX_REJECTED, {
            errors: err.errors,
          });
        throw err;
      }
    },

    /** Returns the register application to remove the organization through, if it has one. */
    async markTaxRegistrationOverdue(contractId: string) {
      const { organizationId } = await markTaxOverdue(orm.em.fork(), contractId);
      const app = await currentApplicationOf(orm.em.fork(), organizationId);
      return { organizationId, applicationId: app && app.state === 'registered' ? app.id : null };
    },

    /**
     * For an organization registered before the electronic register had applications: removed
     * here, and its contracts flagged as a review's removal flags them.
     */
    async removeOrganizationDirectly(input: { organizationId: string; reason: RemovalReason }) {
      const removed = await removeWithoutApplication(orm.em.fork(), input.organizationId, input.reason);
      const flagged = removed ? await flagContractsOf(orm.em.fork(), input.organizationId, input.reason) : 0;
      return { removed, flagged };
    },

    loadTaxState: (contractId: string) => flowState(contractId),
  };
}
