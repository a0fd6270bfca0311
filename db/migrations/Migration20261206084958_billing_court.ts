import { Migration } from '@mikro-orm/migrations';

export class Migration20261206084958_billing_court extends Migration {
  override name = 'Migration20261206084958_billing_court';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "court_claim" ("id" uuid not null, "number" varchar(32) not null, "building_id" uuid not null, "apartment_id" uuid not null, "person_id" uuid not null, "organization_id" uuid not null, "personal_account" varchar(16) not null, "as_of" varchar(10) not null, "answer_by" varchar(10) not null, "calculation" jsonb not null, "language" text not null, "email" text null, "subject" text not null, "text" text not null, "ack_token_sha256" varchar(64) not null, "created_by_user_id" uuid not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "court_claim" add constraint "court_claim_number_unique" unique ("number");`);
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_ack_token_sha256_unique" unique ("ack_token_sha256");`,
    );
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "court_claim_building_id_created_at_index" on "court_claim" ("building_id", "created_at");`,
    );
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_person_id_apartment_id_as_of_unique" unique ("person_id", "apartment_id", "as_of");`,
    );

    this.addSql(
      `create table "court_claim_delivery" ("id" uuid not null, "chain_pos" int not null default 0, "prev_hash" varchar(64) not null default '', "row_hash" varchar(64) not null default '', "claim_id" uuid not null, "kind" text not null, "delivered_on" varchar(10) null, "scan_reference" text null, "recorded_by_user_id" uuid null, "request_sha256" varchar(64) null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "court_claim_delivery" add constraint "court_claim_delivery_claim_id_kind_unique" unique ("claim_id", "kind");`,
    );
    this.addSql(
      `alter table "court_claim_delivery" add constraint "court_claim_delivery_claim_id_chain_pos_unique" unique ("claim_id", "chain_pos");`,
    );

    this.addSql(
      `alter table "court_claim" add constraint "court_claim_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "court_claim" add constraint "court_claim_language_check" check ("language" in ('uz', 'ru', 'en'));`,
    );
    this.addSql(`create or replace function "court_claim_court_claim_immutable_fn"() returns trigger as $$ begin raise exception 'a debt claim is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "court_claim_immutable" BEFORE UPDATE OR DELETE on "court_claim" for each ROW execute function "court_claim_court_claim_immutable_fn"();`,
    );

    this.addSql(
      `alter table "court_claim_delivery" add constraint "court_claim_delivery_claim_id_foreign" foreign key ("claim_id") references "court_claim" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "court_claim_delivery" add constraint "court_claim_delivery_kind_check" check ("kind" in ('acknowledged', 'paper'));`,
    );
    this.addSql(`create or replace function "court_claim_delivery_court_claim_delivery_immutable_fn"() returns trigger as $$ begin raise exception 'a delivery record is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "court_claim_delivery_immutable" BEFORE UPDATE OR DELETE on "court_claim_delivery" for each ROW execute function "court_claim_delivery_court_claim_delivery_immutable_fn"();`,
    );
    this.addSql(
      `create trigger "court_claim_delivery_chain" before insert on "court_claim_delivery" for each row execute function audit_chain('claim_id');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "court_claim_delivery" drop constraint "court_claim_delivery_claim_id_foreign";`,
    );

    this.addSql(`drop trigger if exists "court_claim_immutable" on "court_claim";`);
    this.addSql(`drop function if exists "court_claim_court_claim_immutable_fn"();`);
    this.addSql(`drop table if exists "court_claim" cascade;`);
    this.addSql(`drop trigger if exists "court_claim_delivery_immutable" on "court_claim_delivery";`);
    this.addSql(`drop function if exists "court_claim_delivery_court_claim_delivery_immutable_fn"();`);
    this.addSql(`drop trigger if exists "court_claim_delivery_chain" on "court_claim_delivery";`);
    this.addSql(`drop function if exists "court_claim_delivery_court_claim_delivery_chain_fn"();`);
    this.addSql(`drop table if exists "court_claim_delivery" cascade;`);
  }
}
