// What the contract activities are built from. Its own leaf, so that index.ts and tax.ts both
// take it without importing each other.
import type { TaxPolicyInput } from '../../db/contracts/tax.ts';
import type { Orm } from '../../db/orm.ts';
import type { TaxAuthorityClient } from '../../platform/tax-authority/client.ts';

export interface ContractActivityDeps {
  orm: Orm;
  taxPolicy: TaxPolicyInput;
  taxAuthority: TaxAuthorityClient;
  eImzoUrl?: string;
  eImzoTimeoutMs?: number;
  /** The portal the parties' signing mail links to (config PORTAL_URL; domain/common/links.ts). */
  portalUrl: string;
}
