// Every activity the workers register, built once per process from its shared dependencies.
import type { Orm } from '../db/orm.ts';
import {
  type CadastreClient,
  CadastreUnavailableError,
  createCadastreClient,
} from '../platform/cadastre/client.ts';
import type { Config } from '../platform/config.ts';
import type { Mailer } from '../platform/mail.ts';
import { createProviderRegistryClient } from '../platform/payments/registry.ts';
import {
  createTaxAuthorityClient,
  type TaxAuthorityClient,
  TaxAuthorityUnavailableError,
} from '../platform/tax-authority/client.ts';
import { secondOpinionOf } from '../platform/triage/second-opinion.ts';

/** Without a configured authority every attempt fails as unavailable, visibly, instead of pretending. */
function taxAuthorityOf(c: Config['contracts']['taxAuthority']): TaxAuthorityClient {
  if (c.url) return createTaxAuthorityClient({ baseUrl: c.url, apiKey: c.apiKey, timeoutMs: c.timeoutMs });
  const missing = () =>
    Promise.reject(new TaxAuthorityUnavailableError('TAX_AUTHORITY_URL is not configured'));
  return { register: missing, lookup: missing };
}

/** Without a configured cadastre every attempt fails as unavailable, visibly, instead of pretending. */
function cadastreOf(c: Config['commissioning']['cadastre']): CadastreClient {
  if (c.url) return createCadastreClient({ baseUrl: c.url, apiKey: c.apiKey, timeoutMs: c.timeoutMs });
  return { passport: () => Promise.reject(new CadastreUnavailableError('CADASTRE_URL is not configured')) };
}

/** The providers' registries the reconciliation reads; an unconfigured one is left out (not reconciled). */
function registriesOf(c: Config['billing']['registries']) {
  const client = (provider: string, r: { url?: string; apiKey?: string }) =>
    r.url
      ? createProviderRegistryClient({ provider, baseUrl: r.url, apiKey: r.apiKey, timeoutMs: c.timeoutMs })
      : undefined;
  const payme = client('Payme', c.payme);
  const click = client('Click', c.click);
  return { ...(payme ? { payme } : {}), ...(click ? { click } : {}) };
}

import { createAppealActivities } from './appeals/index.ts';
import { createDebtorActivities } from './billing/debtors.ts';
import { createBillingActivities } from './billing/index.ts';
import { createReceiptActivities } from './billing/receipts.ts';
import { createReconciliationActivities } from './billing/reconciliation.ts';
import { createCommissioningActivities } from './commissioning/index.ts';
import { createContractActivities } from './contracts/index.ts';
import { createDispatchActivities } from './dispatch/index.ts';
import { createLotChoiceActivities } from './lots/choice.ts';
import { createLotActivities } from './lots/index.ts';
import { createMailActivities } from './mail/index.ts';
import { createMeetingActivities } from './meetings/index.ts';
import { createRegisterActivities } from './register/index.ts';
import { createRegistryActivities } from './registry/index.ts';
import { createReportActivities } from './reports/index.ts';

export interface ActivityDeps {
  orm: Orm;
  mailer: Mailer;
  config: Pick<
    Config,
    | 'mail'
    | 'publicUrl'
    | 'portalUrl'
    | 'contracts'
    | 'commissioning'
    | 'billing'
    | 'reports'
    | 'dispatch'
    | 'meetings'
  >;
}

export function createActivities({ orm, mailer, config }: ActivityDeps) {
  const from = config.mail.from;
  return {
    ...createMailActivities({ orm, mailer, from }),
    ...createRegistryActivities({ orm, mailer, from, portalUrl: config.portalUrl }),
    ...createLotActivities({ orm }),
    ...createLotChoiceActivities({ orm, meetingPolicy: config.meetings.policy, portalUrl: config.portalUrl }),
    ...createMeetingActivities({
      orm,
      mailer,
      from,
      publicUrl: config.publicUrl,
      portalUrl: config.portalUrl,
    }),
    ...createRegisterActivities({ orm, mailer, from, portalUrl: config.portalUrl }),
    ...createAppealActivities({
      orm,
      mailer,
      from,
      publicUrl: config.publicUrl,
      portalUrl: config.portalUrl,
    }),
    ...createDispatchActivities({
      orm,
      mailer,
      from,
      portalUrl: config.portalUrl,
      secondOpinion: secondOpinionOf(config.dispatch.secondOpinion),
    }),
    ...createContractActivities({
      orm,
      taxPolicy: config.contracts.taxPolicy,
      taxAuthority: taxAuthorityOf(config.contracts.taxAuthority),
      eImzoUrl: config.contracts.eImzo.url,
      eImzoTimeoutMs: config.contracts.eImzo.timeoutMs,
      portalUrl: config.portalUrl,
    }),
    ...createBillingActivities({ orm, policy: config.billing.policy }),
    ...createReceiptActivities({
      orm,
      publicUrl: config.publicUrl,
      portalUrl: config.portalUrl,
      policy: () => config.billing.policy,
    }),
    ...createDebtorActivities({ orm, policy: config.billing.policy }),
    ...createReconciliationActivities({
      orm,
      policy: config.billing.policy,
      registries: registriesOf(config.billing.registries),
    }),
    ...createReportActivities({
      orm,
      mailer,
      from,
      publicUrl: config.publicUrl,
      portalUrl: config.portalUrl,
      policy: config.reports.policy,
    }),
    ...createCommissioningActivities({
      orm,
      mailer,
      from,
      publicUrl: config.publicUrl,
      portalUrl: config.portalUrl,
      cadastre: cadastreOf(config.commissioning.cadastre),
      eImzoUrl: config.contracts.eImzo.url,
      eImzoTimeoutMs: config.contracts.eImzo.timeoutMs,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
