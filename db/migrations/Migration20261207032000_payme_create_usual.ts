import { Migration } from '@mikro-orm/migrations';

/**
 * The usual Payme CreateTransaction (a new id on a free, payable account) in one round trip: the
 * statement is its own transaction, and a plpgsql function, because its checks after the account's
 * lock must see what committed while it waited (each statement of a volatile function in READ
 * COMMITTED takes a new snapshot; one SQL statement would keep the snapshot from before the lock).
 * It writes nothing and answers false whenever the call is anything but the usual one: the caller
 * then takes the general way (db/billing/payme.ts).
 */
export class Migration20261207032000_payme_create_usual extends Migration {
  override name = 'Migration20261207032000_payme_create_usual';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "payme_create_usual"(p_id varchar, p_serial bigint, p_time bigint,
  p_amount bigint, p_fields jsonb, p_transaction varchar, p_create_time bigint, p_live_since bigint)
  returns boolean language plpgsql volatile as $$
declare
  v_account varchar;
  v_payable boolean;
begin
  -- Row first, then account: the order every Payme call takes them in.
  perform 1 from payme_transaction where id = p_id for update;
  if found then return false; end if;
  select a.id, a.building_id is not null
               and exists (select 1 from billing_building b where b.building_id = a.building_id)
    into v_account, v_payable
    from ledger_account a where a.serial = p_serial and a.kind = 'owner_receivable' for update of a;
  if v_account is null or not v_payable then return false; end if;
  -- With the account locked, in a snapshot taken after the lock: a creation of the same id, or
  -- another live created transaction on the account, committed while this one waited.
  if exists (select 1 from payme_transaction where id = p_id) then return false; end if;
  if exists (select 1 from payme_transaction
              where account_id = v_account and state = 1 and id <> p_id and create_time >= p_live_since)
  then return false; end if;
  insert into payme_transaction (id, time, amount, account_fields, account_id, transaction, state,
                                 create_time, perform_time, cancel_time, reason, updated_at)
  values (p_id, p_time, p_amount, p_fields, v_account, p_transaction, 1, p_create_time, 0, 0, null, now())
  on conflict (id) do nothing;
  return found;
end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `drop function if exists "payme_create_usual"(varchar, bigint, bigint, bigint, jsonb, varchar, bigint, bigint);`,
    );
  }
}
