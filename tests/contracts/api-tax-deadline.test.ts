// A common-property lease whose tax registration never gets through: when its term ends, the
// organization is removed from the register through its review workflow, its contracts are
// flagged and everyone concerned is notified. A short term of its own, which the test waits out
// on the events it causes (the removal, the flag, the mails), never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, ok, problem, until } from '../register/api-fixtures.ts';
import type { TestDatabase } from '../support/database.ts';
import { ownDatabase } from '../support/worker-harness.ts';
import {
  type ContractsEnv,
  concludeLease,
  contract,
  type Lot,
  newLot,
  newPerson,
  SHORT_TAX_TERM_SECONDS,
  startContractsEnv,
  startManagementContract,
} from './fixtures.ts';

let env: ContractsEnv;
// A database of its own: the owners hear of the removal through notifications, whose dispatchers
// run beside the workers only where every queued message is this file's.
let db: TestDatabase;
beforeAll(async () => {
  db = await ownDatabase('contracts_tax_deadline');
  env = await startContractsEnv({ taxTermSeconds: SHORT_TAX_TERM_SECONDS, databaseUrl: db.url });
});
afterAll(async () => {
  await env?.stop();
  await db?.drop();
});

const taxState = (lot: Lot, id: string, status: string) =>
  until(
    `tax ${status}`,
    async () => {
      const v = await contract(env, lot.org.tokens.admin, id);
      return v.taxRegistration?.status === status ? v : undefined;
    },
    SHORT_TAX_TERM_SECONDS * 1000 + 30_000,
  );

/** The organization's state in the public register: the last entry of its history. */
const registerStatus = async (lot: Lot) =>
  (
    await ok<{ events: { toState: string }[] }>(
      await call(env.app, 'GET', `/register/organizations/${lot.org.id}/history`),
    )
  ).events.at(-1)?.toState;

describe('a tax-registration term that passes unregistered', () => {
  it('removes the organization from the register when the deadline passes unregistered', async () => {
    const lot = await newLot(env);
    const lessee = await newPerson(env);
    // A management contract of the same organization, to be flagged by the removal.
    const other = await startManagementContract(env, lot);
    env.tax.failNext(1000, 503);
    try {
      const active = await concludeLease(env, lot, lessee);
      const overdue = await taxState(lot, active.id, 'overdue');
      expect(overdue.taxRegistration?.registrationNumber).toBeNull();
      await until(
        'removed',
        async () => ((await registerStatus(lot)) === 'removed' ? true : undefined),
        30_000,
      );
      const history = await ok<{ events: { action: string; reason: string | null; toState: string }[] }>(
        await call(env.app, 'GET', `/register/organizations/${lot.org.id}/history`),
      );
      expect(history.events.at(-1)).toMatchObject({
        action: 'remove',
        toState: 'removed',
        reason: 'tax_registration_missed',
      });
      const flagged = await until('flagged', async () => {
        const v = await contract(env, lot.org.tokens.admin, other.id);
        return v.flagged ? v : undefined;
      });
      expect(flagged.flagged?.reason).toBe('tax_registration_missed');
      const mails = await until('notices', async () => {
        const to = env.workers.catcher.messages().flatMap((m) => m.to);
        // The owners are mailed after the organization and the council, one by one.
        return [lot.org.councilEmail, lot.org.email, lot.org.ownerEmail].every((m) => to.includes(m))
          ? to
          : undefined;
      });
      expect(mails).toContain(lot.org.ownerEmail);
      // A removed organization cannot be chosen again.
      await problem(
        await call(env.app, 'POST', '/contracts', {
          token: lot.org.tokens.council,
          key: newKey(),
          body: {
            kind: 'management',
            organizationId: lot.org.id,
            buildingIds: [lot.buildingId],
            representativeUserId: lot.rep.userId,
            parameters: {
              services: ['cleaning'],
              tariffUzsPerM2: 1500,
              termMonths: 12,
              startDate: '2027-01-01',
            },
          },
        }),
        409,
        'body.organizationId',
      );
    } finally {
      env.tax.clearInjections();
    }
  });
});
