import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060653_billing_payments extends Migration {
  override name = 'Migration20261206060653_billing_payments';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "payme_transaction" ("id" varchar(64) not null, "time" bigint not null, "amount" bigint not null, "account_fields" jsonb not null, "account_id" varchar(200) not null, "transaction" varchar(200) not null, "state" smallint not null, "create_time" bigint not null, "perform_time" bigint not null default '0', "cancel_time" bigint not null default '0', "reason" smallint null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "payme_transaction" add constraint "payme_transaction_transaction_unique" unique ("transaction");`,
    );
    this.addSql(`create index "payme_transaction_time_index" on "payme_transaction" ("time");`);
    this.addSql(
      `create index "payme_transaction_account_id_state_index" on "payme_transaction" ("account_id", "state");`,
    );

    this.addSql(
      `create table "click_transaction" ("click_trans_id" varchar(32) not null, "merchant_trans_id" varchar(64) not null, "account_id" varchar(200) not null, "merchant_prepare_id" bigserial, "merchant_confirm_id" bigint null, "amount" bigint not null, "state" varchar(16) not null, "prepare_time" bigint not null, "complete_time" bigint null, primary key ("click_trans_id"));`,
    );
    this.addSql(
      `alter table "click_transaction" add constraint "click_transaction_merchant_prepare_id_unique" unique ("merchant_prepare_id");`,
    );
    this.addSql(
      `alter table "click_transaction" add constraint "click_transaction_merchant_confirm_id_unique" unique ("merchant_confirm_id");`,
    );

    this.addSql(
      `alter table "payme_transaction" add constraint "payme_transaction_account_id_foreign" foreign key ("account_id") references "ledger_account" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "payme_transaction" add constraint "payme_transaction_state_check" check (state in (1, 2, -1, -2));`,
    );
    this.addSql(
      `alter table "payme_transaction" add constraint "payme_transaction_amount_check" check (amount > 0);`,
    );

    this.addSql(
      `alter table "click_transaction" add constraint "click_transaction_account_id_foreign" foreign key ("account_id") references "ledger_account" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "click_transaction" add constraint "click_transaction_state_check" check (state in ('prepared', 'completed', 'cancelled'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "payme_transaction" cascade;`);
    this.addSql(`drop table if exists "click_transaction" cascade;`);
  }
}
