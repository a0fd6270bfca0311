// The mail that tells each party a contract's document awaits its signature, queued in the same
// transaction that puts the document up (createContract, proposeChange): a document up for
// signature never goes unannounced, and a rolled-back one never announced. The outbox key names
// the contract, the document and the party, so a retried activity or a replayed request adds no
// second mail. A person reads it in their own language; an organization's mailbox, which records
// no language, in the state language.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
import { renderContractSignMail, type SignedChange } from '../../domain/contracts/sign-mail.ts';
import { enqueueMail, type OutboxMail } from '../mail/outbox.ts';
import { ManagementOrganization, UserAccount } from '../registry/entities.ts';

export interface SigningMailInput {
  contractId: string;
  number: string;
  change: SignedChange;
  documentSha256: string;
  owners: { userId: string; name: string };
  counterparty: { organizationId: string | null; userId: string | null; name: string };
  /** The portal the link opens (config PORTAL_URL). */
  portalUrl: string;
}

async function personAddress(tx: EntityManager, userId: string | null) {
  if (!userId) return null;
  const user = await tx.findOne(UserAccount, { id: userId }, { populate: ['person'] });
  const person = user?.person;
  return person?.email ? { to: person.email, lang: person.language as Language } : null;
}

async function organizationAddress(tx: EntityManager, organizationId: string | null) {
  if (!organizationId) return null;
  const org = await tx.findOne(ManagementOrganization, { id: organizationId });
  return org?.email ? { to: org.email, lang: 'uz' as Language } : null;
}

/** Queues one mail per party with an address; resolves to how many were new. */
export async function queueSigningMail(tx: EntityManager, input: SigningMailInput): Promise<number> {
  const link = objectLink(input.portalUrl, 'contract', input.contractId);
  const parties = [
    {
      party: 'owners',
      address: await personAddress(tx, input.owners.userId),
      other: input.counterparty.name,
    },
    {
      party: 'counterparty',
      address:
        (await organizationAddress(tx, input.counterparty.organizationId)) ??
        (await personAddress(tx, input.counterparty.userId)),
      other: input.owners.name,
    },
  ];
  const mails: OutboxMail[] = [];
  for (const { party, address, other } of parties) {
    if (!address) continue;
    mails.push({
      idempotencyKey: `contract:${input.contractId}:sign:${input.documentSha256}:${party}`,
      to: address.to,
      ...renderContractSignMail(address.lang, {
        number: input.number,
        change: input.change,
        otherParty: other,
        link,
      }),
    });
  }
  return enqueueMail(tx, mails);
}
