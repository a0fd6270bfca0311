import { Migration } from '@mikro-orm/migrations';

export class Migration20261206062343_billing_receipts extends Migration {
  override name = 'Migration20261206062343_billing_receipts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "billing_revenue_source" ("id" uuid not null, "building_id" uuid not null, "kind" text not null, "party_name" varchar(300) not null, "party_id" varchar(14) not null, "contract_number" varchar(64) not null, "monthly_charge" bigint not null, "valid_from" varchar(10) not null, "valid_to" varchar(10) null, "created_by_user_id" uuid not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "billing_revenue_source" add constraint "billing_revenue_source_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "billing_revenue_source_building_id_valid_from_index" on "billing_revenue_source" ("building_id", "valid_from");`,
    );

    this.addSql(
      `create table "billing_receipt" ("id" uuid not null, "number" varchar(32) not null, "period" varchar(7) not null, "building_id" uuid not null, "apartment_id" uuid not null, "person_id" uuid not null, "content" jsonb not null, "content_sha256" varchar(64) not null, "closing" bigint not null, "to_pay" bigint not null, "pay_token" varchar(32) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "billing_receipt" add constraint "billing_receipt_number_unique" unique ("number");`,
    );
    this.addSql(
      `alter table "billing_receipt" add constraint "billing_receipt_pay_token_unique" unique ("pay_token");`,
    );
    this.addSql(
      `create index "billing_receipt_person_id_period_index" on "billing_receipt" ("person_id", "period");`,
    );
    this.addSql(
      `create index "billing_receipt_building_id_period_index" on "billing_receipt" ("building_id", "period");`,
    );
    this.addSql(
      `alter table "billing_receipt" add constraint "billing_receipt_period_apartment_id_person_id_unique" unique ("period", "apartment_id", "person_id");`,
    );

    this.addSql(
      `create table "billing_receipt_item" ("transfer_id" varchar(200) not null, "account_id" varchar(200) not null, "receipt_id" uuid not null, primary key ("transfer_id", "account_id"));`,
    );
    this.addSql(
      `create index "billing_receipt_item_receipt_id_index" on "billing_receipt_item" ("receipt_id");`,
    );

    this.addSql(
      `alter table "billing_revenue_source" add constraint "billing_revenue_source_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_revenue_source" add constraint "billing_revenue_source_charge_check" check (monthly_charge > 0);`,
    );
    this.addSql(
      `alter table "billing_revenue_source" add constraint "billing_revenue_source_dates_check" check (valid_to is null or valid_to > valid_from);`,
    );
    this.addSql(
      `alter table "billing_revenue_source" add constraint "billing_revenue_source_kind_check" check ("kind" in ('household_service_centre', 'lightweight_structure'));`,
    );

    this.addSql(
      `alter table "billing_receipt" add constraint "billing_receipt_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_receipt" add constraint "billing_receipt_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_receipt" add constraint "billing_receipt_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "billing_receipt_billing_receipt_immutable_fn"() returns trigger as $$ begin raise exception 'a receipt is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "billing_receipt_immutable" BEFORE UPDATE OR DELETE on "billing_receipt" for each ROW execute function "billing_receipt_billing_receipt_immutable_fn"();`,
    );

    this.addSql(
      `alter table "billing_receipt_item" add constraint "billing_receipt_item_receipt_id_foreign" foreign key ("receipt_id") references "billing_receipt" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "billing_receipt_item_billing_receipt_item_immutable_fn"() returns trigger as $$ begin raise exception 'a receipt is append-only (transfer %)', old.transfer_id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "billing_receipt_item_immutable" BEFORE UPDATE OR DELETE on "billing_receipt_item" for each ROW execute function "billing_receipt_item_billing_receipt_item_immutable_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "billing_receipt_item" drop constraint "billing_receipt_item_receipt_id_foreign";`,
    );

    this.addSql(`drop table if exists "billing_revenue_source" cascade;`);
    this.addSql(`drop trigger if exists "billing_receipt_immutable" on "billing_receipt";`);
    this.addSql(`drop function if exists "billing_receipt_billing_receipt_immutable_fn"();`);
    this.addSql(`drop table if exists "billing_receipt" cascade;`);
    this.addSql(`drop trigger if exists "billing_receipt_item_immutable" on "billing_receipt_item";`);
    this.addSql(`drop function if exists "billing_receipt_item_billing_receipt_item_immutable_fn"();`);
    this.addSql(`drop table if exists "billing_receipt_item" cascade;`);
  }
}
