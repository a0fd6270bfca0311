// An organization carried over from the paper register (registerStatus 'registered' set directly,
// as the demo seed does) has no application and so no review workflow to signal. When it misses
// the tax registration of a common-property contract, the contract workflow removes it itself:
// the same history entry and contract flags a workflow removal writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterApplication } from '../../db/register/entities.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { call, ok, until } from '../register/api-fixtures.ts';
import {
  type ContractsEnv,
  concludeLease,
  contract,
  newLegacyLot,
  newPerson,
  SHORT_TAX_TERM_SECONDS,
  startContractsEnv,
  startManagementContract,
} from './fixtures.ts';

let env: ContractsEnv;
beforeAll(async () => {
  env = await startContractsEnv({ taxTermSeconds: SHORT_TAX_TERM_SECONDS });
});
afterAll(async () => {
  await env?.stop();
});

interface EventRow {
  application_id: string | null;
  action: string;
  from_state: string;
  to_state: string;
  reason: string | null;
}

describe('removal of an organization registered without an application', () => {
  it('removes it directly when a lease misses the tax registration, and flags its contracts', async () => {
    const lot = await newLegacyLot(env);
    expect(await env.em().count(RegisterApplication, { organization: lot.org.id })).toBe(0);
    const lessee = await newPerson(env);
    const management = await startManagementContract(env, lot);
    env.tax.failNext(1000, 503);
    try {
      const active = await concludeLease(env, lot, lessee);
      expect(active.taxRegistration?.status).toBe('pending');

      const removed = await until(
        'organization removed',
        async () => {
          const o = await env.em().findOneOrFail(ManagementOrganization, { id: lot.org.id });
          return o.registerStatus === 'removed' ? o : undefined;
        },
        SHORT_TAX_TERM_SECONDS * 1000 + 30_000,
      );
      expect(removed.registerStatus).toBe('removed');
      const events = await env
        .em()
        .getConnection()
        .execute<EventRow[]>(
          `select application_id, action, from_state, to_state, reason from register_event
            where organization_id = ? order by at`,
          [lot.org.id],
        );
      expect(events).toEqual([
        {
          application_id: null,
          action: 'remove',
          from_state: 'registered',
          to_state: 'removed',
          reason: 'tax_registration_missed',
        },
      ]);
      const history = await ok<{ events: { action: string; toState: string; reason: string | null }[] }>(
        await call(env.app, 'GET', `/register/organizations/${lot.org.id}/history`),
      );
      expect(history.events.at(-1)).toMatchObject({
        action: 'remove',
        toState: 'removed',
        reason: 'tax_registration_missed',
      });

      const lease = await contract(env, lot.org.tokens.admin, active.id);
      expect(lease.taxRegistration?.status).toBe('overdue');
      for (const id of [active.id, management.id]) {
        const v = await until('flagged', async () => {
          const c = await contract(env, lot.org.tokens.admin, id);
          return c.flagged ? c : undefined;
        });
        expect(v.flagged?.reason).toBe('tax_registration_missed');
        expect(v.timeline.map((e) => e.action)).toContain('flagged');
      }
    } finally {
      env.tax.clearInjections();
    }
  });
});
