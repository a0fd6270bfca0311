import { Migration } from '@mikro-orm/migrations';

export class Migration20261206051050_billing extends Migration {
  override name = 'Migration20261206051050_billing';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "billing_term" ("id" uuid not null, "contract_id" uuid not null, "building_id" uuid not null, "organization_id" uuid not null, "change" text not null, "effective_from" varchar(10) not null, "ends_before" varchar(10) null, "tiyin_per_m2" bigint null, "contract_version" int not null, "recorded_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "billing_term_building_id_effective_from_index" on "billing_term" ("building_id", "effective_from");`,
    );
    this.addSql(
      `alter table "billing_term" add constraint "billing_term_contract_id_building_id_change_effec_64344_unique" unique ("contract_id", "building_id", "change", "effective_from");`,
    );

    this.addSql(
      `create table "billing_suspension" ("building_id" uuid not null, "period" varchar(7) not null, "rule" varchar(48) not null, "reason" text not null, "created_at" timestamptz not null, primary key ("building_id", "period", "rule"));`,
    );

    this.addSql(
      `create table "billing_month" ("building_id" uuid not null, "period" varchar(7) not null, "status" text not null, "reason" text null, "decided_at" timestamptz not null, primary key ("building_id", "period"));`,
    );
    this.addSql(`create index "billing_month_period_status_index" on "billing_month" ("period", "status");`);

    this.addSql(
      `create table "billing_building" ("building_id" uuid not null, "tin" varchar(9) not null, "bank_account" varchar(20) not null, "bank_code" varchar(5) not null, "registered_by" text not null, "registered_by_user_id" uuid null, "commissioning_application_id" uuid null, "registered_on" varchar(10) not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, primary key ("building_id"));`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_tin_unique" unique ("tin");`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_bank_account_unique" unique ("bank_account");`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_idempotency_key_unique" unique ("idempotency_key");`,
    );

    this.addSql(
      `create table "ledger_account" ("id" varchar(200) not null, "kind" text not null, "building_id" uuid null, "apartment_id" uuid null, "owner_id" uuid null, "organization_id" uuid null, "revenue_kind" text null, "serial" bigserial, "balance" bigint not null default '0', "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_serial_unique" unique ("serial");`,
    );
    this.addSql(
      `create index "ledger_account_building_id_kind_index" on "ledger_account" ("building_id", "kind");`,
    );
    this.addSql(`create index "ledger_account_owner_id_index" on "ledger_account" ("owner_id");`);

    this.addSql(
      `create table "ledger_transfer" ("id" varchar(200) not null, "seq" bigserial, "kind" text not null, "debit_account_id" varchar(200) not null, "credit_account_id" varchar(200) not null, "amount" bigint not null, "reason" text not null, "period" varchar(7) null, "building_id" uuid null, "corrects_id" varchar(200) null, "status" text not null, "detail" jsonb null, "created_at" timestamptz not null, "posted_at" timestamptz null, "voided_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "ledger_transfer" add constraint "ledger_transfer_seq_unique" unique ("seq");`);
    this.addSql(
      `create index "ledger_transfer_building_id_period_index" on "ledger_transfer" ("building_id", "period");`,
    );
    this.addSql(
      `create index "ledger_transfer_debit_account_id_index" on "ledger_transfer" ("debit_account_id");`,
    );
    this.addSql(
      `create index "ledger_transfer_credit_account_id_index" on "ledger_transfer" ("credit_account_id");`,
    );
    this.addSql(
      `create index "ledger_transfer_status_period_index" on "ledger_transfer" ("status", "period");`,
    );

    this.addSql(
      `create table "ledger_entry" ("id" bigserial primary key, "transfer_id" varchar(200) not null, "account_id" varchar(200) not null, "change" bigint not null, "balance_before" bigint not null, "balance_after" bigint not null, "posted_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "ledger_entry_account_id_posted_at_id_index" on "ledger_entry" ("account_id", "posted_at", "id");`,
    );
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_transfer_id_account_id_unique" unique ("transfer_id", "account_id");`,
    );

    this.addSql(
      `alter table "billing_term" add constraint "billing_term_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_term" add constraint "billing_term_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_term" add constraint "billing_term_change_check" check ("change" in ('conclusion', 'amendment', 'termination'));`,
    );

    this.addSql(
      `alter table "billing_suspension" add constraint "billing_suspension_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "billing_month" add constraint "billing_month_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_month" add constraint "billing_month_status_check" check ("status" in ('open', 'suspended'));`,
    );

    this.addSql(
      `alter table "billing_building" add constraint "billing_building_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_tin_check" check (tin ~ '^[0-9]{9}$');`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_bank_account_check" check (bank_account ~ '^[0-9]{20}$');`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_bank_code_check" check (bank_code ~ '^[0-9]{5}$');`,
    );
    this.addSql(
      `alter table "billing_building" add constraint "billing_building_registered_by_check" check ("registered_by" in ('owners', 'developer'));`,
    );

    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_kind_check" check ("kind" in ('owner_receivable', 'building_bank', 'management_organization', 'revenue', 'system_upkeep', 'provider_clearing'));`,
    );
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_revenue_kind_check" check ("revenue_kind" in ('contributions', 'lease', 'household_service_centre', 'lightweight_structure', 'penalties'));`,
    );

    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_debit_account_id_foreign" foreign key ("debit_account_id") references "ledger_account" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_credit_account_id_foreign" foreign key ("credit_account_id") references "ledger_account" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_amount_check" check (amount > 0);`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_accounts_check" check (debit_account_id <> credit_account_id);`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_reason_check" check (kind <> 'correction' or (length(btrim(reason)) > 0 and corrects_id is not null));`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_status_dates_check" check ((status = 'pending' and posted_at is null and voided_at is null) or (status = 'posted' and posted_at is not null and voided_at is null) or (status = 'voided' and posted_at is null and voided_at is not null));`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_kind_check" check ("kind" in ('accrual', 'penalty', 'payment', 'refund', 'settlement', 'other_revenue', 'expense', 'correction'));`,
    );
    this.addSql(
      `alter table "ledger_transfer" add constraint "ledger_transfer_status_check" check ("status" in ('pending', 'posted', 'voided'));`,
    );
    this.addSql(`create or replace function "ledger_transfer_ledger_transfer_immutable_fn"() returns trigger as $$ begin if tg_op = 'UPDATE' and old.status = 'pending' and new.status in ('posted', 'voided')
               and (new.id, new.seq, new.kind, new.debit_account_id, new.credit_account_id, new.amount,
                    new.reason, new.period, new.building_id, new.corrects_id, new.detail, new.created_at)
                   is not distinct from
                   (old.id, old.seq, old.kind, old.debit_account_id, old.credit_account_id, old.amount,
                    old.reason, old.period, old.building_id, old.corrects_id, old.detail, old.created_at)
             then return new; end if;              raise exception 'ledger transfer % is %: transfers are never changed or deleted, correct with a new transfer', old.id, old.status
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "ledger_transfer_immutable" BEFORE UPDATE OR DELETE on "ledger_transfer" for each ROW execute function "ledger_transfer_ledger_transfer_immutable_fn"();`,
    );

    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_transfer_id_foreign" foreign key ("transfer_id") references "ledger_transfer" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_account_id_foreign" foreign key ("account_id") references "ledger_account" ("id") on update no action on delete no action;`,
    );
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_change_check" check (change <> 0);`);
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_balance_check" check (balance_after = balance_before + change);`,
    );
    this.addSql(`create or replace function "ledger_entry_ledger_entry_immutable_fn"() returns trigger as $$ begin raise exception 'the ledger is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "ledger_entry_immutable" BEFORE UPDATE OR DELETE on "ledger_entry" for each ROW execute function "ledger_entry_ledger_entry_immutable_fn"();`,
    );
    // Checks that span rows, which the entities cannot declare: statement-level triggers over the
    // rows a statement wrote (transition tables), so a batch of thousands is checked in one pass.
    // Every writer posts a transfer and its entries in one statement (db/billing/ledger.ts), so at
    // the end of each statement a posted transfer has exactly its two entries, +amount on its
    // debit account and -amount on its credit account, and an entry belongs to a posted transfer.
    this.addSql(`create or replace function "ledger_transfers_balance_fn"() returns trigger as $$
      declare bad text; begin
        select t.id into bad from ledger_transfer t
         where t.id in (select id from changed where status = 'posted')
           and ((select count(*) from ledger_entry e where e.transfer_id = t.id) <> 2
             or not exists (select 1 from ledger_entry e where e.transfer_id = t.id
                             and e.account_id = t.debit_account_id and e.change = t.amount)
             or not exists (select 1 from ledger_entry e where e.transfer_id = t.id
                             and e.account_id = t.credit_account_id and e.change = -t.amount))
         limit 1; if bad is not null then
          raise exception 'ledger transfer % does not balance: a posted transfer needs its debit and credit entries', bad
            using errcode = 'check_violation'; end if; return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "ledger_transfer_inserted_balance" after insert on "ledger_transfer" referencing new table as changed for each statement execute function "ledger_transfers_balance_fn"();`,
    );
    this.addSql(
      `create trigger "ledger_transfer_updated_balance" after update on "ledger_transfer" referencing new table as changed for each statement execute function "ledger_transfers_balance_fn"();`,
    );
    this.addSql(`create or replace function "ledger_entries_balance_fn"() returns trigger as $$
      declare bad text; begin
        select a.transfer_id into bad
          from (select distinct transfer_id from added) a
          join ledger_transfer t on t.id = a.transfer_id
         where t.status <> 'posted'
            or (select coalesce(sum(e.change), 0) from ledger_entry e where e.transfer_id = t.id) <> 0
            or (select count(*) from ledger_entry e where e.transfer_id = t.id) <> 2
         limit 1; if bad is not null then
          raise exception 'ledger entries of transfer % do not balance, or it is not posted', bad
            using errcode = 'check_violation'; end if; return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "ledger_entry_inserted_balance" after insert on "ledger_entry" referencing new table as added for each statement execute function "ledger_entries_balance_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "ledger_entry_inserted_balance" on "ledger_entry";`);
    this.addSql(`drop trigger if exists "ledger_transfer_updated_balance" on "ledger_transfer";`);
    this.addSql(`drop trigger if exists "ledger_transfer_inserted_balance" on "ledger_transfer";`);
    this.addSql(`drop function if exists "ledger_entries_balance_fn"();`);
    this.addSql(`drop function if exists "ledger_transfers_balance_fn"();`);
    this.addSql(`alter table "ledger_transfer" drop constraint "ledger_transfer_debit_account_id_foreign";`);
    this.addSql(`alter table "ledger_transfer" drop constraint "ledger_transfer_credit_account_id_foreign";`);
    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_account_id_foreign";`);
    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_transfer_id_foreign";`);
    this.addSql(`drop table if exists "billing_term" cascade;`);
    this.addSql(`drop table if exists "billing_suspension" cascade;`);
    this.addSql(`drop table if exists "billing_month" cascade;`);
    this.addSql(`drop table if exists "billing_building" cascade;`);
    this.addSql(`drop table if exists "ledger_account" cascade;`);
    this.addSql(`drop trigger if exists "ledger_transfer_immutable" on "ledger_transfer";`);
    this.addSql(`drop function if exists "ledger_transfer_ledger_transfer_immutable_fn"();`);
    this.addSql(`drop table if exists "ledger_transfer" cascade;`);
    this.addSql(`drop trigger if exists "ledger_entry_immutable" on "ledger_entry";`);
    this.addSql(`drop function if exists "ledger_entry_ledger_entry_immutable_fn"();`);
    this.addSql(`drop table if exists "ledger_entry" cascade;`);
  }
}
