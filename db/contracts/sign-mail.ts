// The notice that tells each party a contract's document awaits its signature, queued in the same
// transaction that puts the document up (createContract, proposeChange): a document up for
// signature never goes unannounced, and a rolled-back one never announced. The people of each
// party (the owners' representative; the counterparty's signer or the staff who act for its
// organization) hear of it through notifications, by their own channels and in their own
// language, so one with Telegram or only the portal's inbox and no email is told too; an
// organization's mailbox, which is no person, gets the mail through the outbox in the state
// language. Every key names the contract, the document and the party, so a retried activity or
// a replayed request adds no second notice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { objectLink } from '../../domain/common/links.ts';
import { renderContractSignMail, type SignedChange } from '../../domain/contracts/sign-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { noticeTexts, notify } from '../notifications/public.ts';
import { ManagementOrganization } from '../registry/entities.ts';
import { peopleActingFor } from '../registry/scope.ts';

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

/** The key of one party's notice of one document (its mailing, and its mailbox's outbox row). */
export const signingNoticeKey = (
  contractId: string,
  documentSha256: string,
  party: 'owners' | 'counterparty',
) => `contract:${contractId}:sign:${documentSha256}:${party}`;

/** Queues each party's notice; resolves to how many people and mailboxes it went to. */
export async function queueSigningMail(tx: EntityManager, input: SigningMailInput): Promise<number> {
  const link = objectLink(input.portalUrl, 'contract', input.contractId);
  const render = (otherParty: string) => (lang: 'uz' | 'ru' | 'en') =>
    renderContractSignMail(lang, { number: input.number, change: input.change, otherParty, link });
  const parties = [
    {
      party: 'owners' as const,
      people: await peopleActingFor(tx, { userIds: [input.owners.userId] }),
      other: input.counterparty.name,
    },
    {
      party: 'counterparty' as const,
      people: await peopleActingFor(tx, {
        userIds: [input.counterparty.userId],
        organizationIds: [input.counterparty.organizationId],
      }),
      other: input.owners.name,
    },
  ];
  const now = new Date();
  let told = 0;
  for (const { party, people, other } of parties) {
    if (people.length === 0) continue;
    await notify(
      tx,
      {
        kind: 'contract_update',
        organizationId: input.counterparty.organizationId,
        texts: noticeTexts(render(other), link),
        idempotencyKey: signingNoticeKey(input.contractId, input.documentSha256, party),
        recipients: people.map((personId) => ({ personId })),
      },
      now,
    );
    told += people.length;
  }
  const org = input.counterparty.organizationId
    ? await tx.findOne(ManagementOrganization, { id: input.counterparty.organizationId })
    : null;
  if (org?.email) {
    await enqueueMail(tx, [
      {
        idempotencyKey: signingNoticeKey(input.contractId, input.documentSha256, 'counterparty'),
        to: org.email,
        ...render(input.owners.name)('uz'),
      },
    ]);
    told += 1;
  }
  return told;
}
