import { Migration } from '@mikro-orm/migrations';

export class Migration20261206063000_billing_debtors extends Migration {
  override name = 'Migration20261206063000_billing_debtors';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "billing_payer_kind" ("owner_id" uuid not null, "kind" text not null, "updated_at" timestamptz not null, primary key ("owner_id"));`,
    );

    this.addSql(
      `create table "electricity_block" ("owner_id" uuid not null, "status" text not null, "blocked_on" varchar(10) not null, "overdue" bigint not null, "periods" jsonb not null, "lifted_at" timestamptz null, "updated_at" timestamptz not null, primary key ("owner_id"));`,
    );
    this.addSql(`create index "electricity_block_status_index" on "electricity_block" ("status");`);

    this.addSql(
      `create table "electricity_outbox" ("id" bigserial primary key, "key" varchar(120) not null, "owner_id" uuid not null, "action" text not null, "payload" jsonb not null, "status" text not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null, "created_at" timestamptz not null, "delivered_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "electricity_outbox" add constraint "electricity_outbox_key_unique" unique ("key");`,
    );
    this.addSql(
      `create index "electricity_outbox_status_next_attempt_at_index" on "electricity_outbox" ("status", "next_attempt_at");`,
    );

    this.addSql(`alter table "ledger_account" drop constraint "ledger_account_kind_check";`);
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_kind_check" check ("kind" in ('owner_receivable', 'building_bank', 'management_organization', 'revenue', 'system_upkeep', 'provider_clearing', 'building_expense'));`,
    );

    this.addSql(
      `alter table "billing_payer_kind" add constraint "billing_payer_kind_kind_check" check ("kind" in ('individual', 'legal_entity'));`,
    );

    this.addSql(
      `alter table "electricity_block" add constraint "electricity_block_status_check" check ("status" in ('blocked', 'lifted'));`,
    );

    this.addSql(
      `alter table "electricity_outbox" add constraint "electricity_outbox_action_check" check ("action" in ('block', 'lift'));`,
    );
    this.addSql(
      `alter table "electricity_outbox" add constraint "electricity_outbox_status_check" check ("status" in ('pending', 'delivered'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "billing_payer_kind" cascade;`);
    this.addSql(`drop table if exists "electricity_block" cascade;`);
    this.addSql(`drop table if exists "electricity_outbox" cascade;`);

    this.addSql(`alter table "ledger_account" drop constraint "ledger_account_kind_check";`);
    this.addSql(
      `alter table "ledger_account" add constraint "ledger_account_kind_check" check ("kind" in ('owner_receivable', 'building_bank', 'management_organization', 'revenue', 'system_upkeep', 'provider_clearing'));`,
    );
  }
}
