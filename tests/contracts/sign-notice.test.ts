// The notice that a contract's document awaits a party's signature goes to the parties' people
// through notifications (db/contracts/sign-mail.ts): a representative or an organization's staff
// member with no email, SMS or Telegram finds it in their in-app inbox, in their language, with the
// link that opens the contract; the organization's mailbox, which is no person, gets the mail; and
// queuing the same document again adds nothing.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueSigningMail, signingNoticeKey } from '../../db/contracts/sign-mail.ts';
import { MailOutbox } from '../../db/mail/entities.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { inAppOnlyPerson } from '../support/in-app-person.ts';
import { inboxNotice } from '../support/sent-link.ts';

let orm: Orm;
beforeAll(async () => {
  orm = await createOrm({ url: inject('databaseUrl'), poolMax: 2 });
});
afterAll(() => orm?.close());

const em = () => orm.em.fork() as EntityManager;

describe('signing notice', () => {
  it('reaches each party by notifications, the organization mailbox by mail, once', async () => {
    const tag = randomUUID().slice(0, 8);
    const seed = em();
    const org = seed.create(ManagementOrganization, {
      tin: `6${String(Date.now()).slice(-8)}`,
      name: `Sign Notice ${tag} MChJ`,
      registerStatus: 'registered',
      email: `org-${tag}@example.uz`,
      phone: '+998712000000',
      dispatchPhone: '+998712000001',
    });
    await seed.flush();
    const chair = await inAppOnlyPerson(em(), { language: 'ru' });
    const staff = await inAppOnlyPerson(em(), {
      language: 'en',
      grants: [{ role: 'management_company', organizationId: org.id }],
    });
    const contractId = randomUUID();
    const sha = 'ab'.repeat(32);
    const number = `SN-${tag}`;
    const input = {
      contractId,
      number,
      change: 'conclusion' as const,
      documentSha256: sha,
      owners: { userId: chair.userId, name: 'Owners of the building' },
      counterparty: { organizationId: org.id, userId: null, name: org.name },
      portalUrl: 'https://portal.example.uz',
    };
    const queue = () => em().transactional((tx) => queueSigningMail(tx, input));
    expect(await queue()).toBe(3);
    await queue();

    // In each person's own language, with the link that opens the contract.
    const toChair = await inboxNotice(em(), chair.personId, number, 'ru');
    expect(toChair.subject).toBe(`Договор № ${number} ждёт вашей подписи`);
    expect(toChair.body).toContain(org.name);
    expect(toChair.kind).toBe('contract_update');
    const toStaff = await inboxNotice(em(), staff.personId, number, 'en');
    expect(toStaff.subject).toBe(`Contract ${number} awaits your signature`);
    expect(toStaff.body).toContain('Owners of the building');
    for (const n of [toChair, toStaff])
      expect(new URL(n.link).searchParams.get('open')).toBe(`contract:${contractId}`);

    // The mailbox's mail in the state language, once for both calls.
    const mails = await em().find(MailOutbox, { to: org.email });
    expect(mails.map((m) => [m.idempotencyKey, m.subject])).toEqual([
      [signingNoticeKey(contractId, sha, 'counterparty'), `${number}-sonli shartnoma imzoingizni kutmoqda`],
    ]);
    const mailings = await em()
      .getConnection()
      .execute<{ n: string }[]>(
        `select count(*) as n from notification_message m join notification_mailing g on g.id = m.mailing_id
          where g.idempotency_key like ?`,
        [`contract:${contractId}:sign:%`],
      );
    expect(Number(mailings[0]!.n)).toBe(2);
  });
});
