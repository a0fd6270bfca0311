import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055944_billing_batches extends Migration {
  override name = 'Migration20261206055944_billing_batches';

  override up(): void | Promise<void> {
    this.addSql(`drop index "ledger_transfer_credit_account_id_index";`);
    this.addSql(`drop index "ledger_transfer_debit_account_id_index";`);
    this.addSql(`drop index "ledger_transfer_status_period_index";`);
    this.addSql(
      `create index "ledger_transfer_pending_index" on "ledger_transfer" ("period") where status = 'pending';`,
    );

    // The cross-row checks again, each one index scan per transfer instead of three probes: a
    // batch of thousands pays for its checks once, not per subquery.
    this.addSql(
      `create or replace function "ledger_transfers_balance_fn"() returns trigger as $$ declare bad text; begin select t.id into bad from changed t cross join lateral (select count(*) as n, bool_or(e.account_id = t.debit_account_id and e.change = t.amount) as debit, bool_or(e.account_id = t.credit_account_id and e.change = -t.amount) as credit from ledger_entry e where e.transfer_id = t.id) x where t.status = 'posted' and (x.n <> 2 or not coalesce(x.debit, false) or not coalesce(x.credit, false)) limit 1; if bad is not null then raise exception 'ledger transfer % does not balance: a posted transfer needs its debit and credit entries', bad using errcode = 'check_violation'; end if; return null; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create or replace function "ledger_entries_balance_fn"() returns trigger as $$ declare bad text; begin select a.transfer_id into bad from (select distinct transfer_id from added) a join ledger_transfer t on t.id = a.transfer_id cross join lateral (select count(*) as n, sum(e.change) as s from ledger_entry e where e.transfer_id = a.transfer_id) x where t.status <> 'posted' or x.n <> 2 or x.s <> 0 limit 1; if bad is not null then raise exception 'ledger entries of transfer % do not balance, or it is not posted', bad using errcode = 'check_violation'; end if; return null; end; $$ language plpgsql;`,
    );
    // A developer files the building's account before commissioning; it counts from the day the
    // building is commissioned.
    this.addSql(`alter table "billing_building" alter column "registered_on" drop not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ledger_transfer_pending_index";`);
    this.addSql(
      `create index "ledger_transfer_credit_account_id_index" on "ledger_transfer" ("credit_account_id");`,
    );
    this.addSql(
      `create index "ledger_transfer_debit_account_id_index" on "ledger_transfer" ("debit_account_id");`,
    );
    this.addSql(
      `create index "ledger_transfer_status_period_index" on "ledger_transfer" ("status", "period");`,
    );
  }
}
