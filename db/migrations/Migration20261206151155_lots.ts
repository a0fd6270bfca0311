import { Migration } from '@mikro-orm/migrations';

export class Migration20261206151155_lots extends Migration {
  override name = 'Migration20261206151155_lots';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "lot" ("id" uuid not null, "district_id" uuid not null, "number" int not null, "version" int not null, "approval" text not null, "selection" text not null, "state" jsonb not null, "organization_id" uuid null, "idempotency_key" varchar(255) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "lot" add constraint "lot_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "lot_district_id_approval_index" on "lot" ("district_id", "approval");`);
    this.addSql(
      `alter table "lot" add constraint "lot_district_id_number_unique" unique ("district_id", "number");`,
    );

    this.addSql(
      `create table "lot_version" ("id" uuid not null, "lot_id" uuid not null, "version" int not null, "building_count" int not null, "apartments" int not null, "approved_at" timestamptz null, "decision_document" varchar(255) null, "remarks" text null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "lot_version" add constraint "lot_version_lot_id_version_unique" unique ("lot_id", "version");`,
    );

    this.addSql(
      `create table "lot_event" ("id" uuid not null, "chain_pos" int not null default 0, "prev_hash" varchar(64) not null default '', "row_hash" varchar(64) not null default '', "seq" bigserial, "lot_id" uuid not null, "request_id" varchar(255) not null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(32) not null, "version" int not null, "from_status" varchar(32) null, "to_status" varchar(32) not null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "lot_event" add constraint "lot_event_request_id_unique" unique ("request_id");`,
    );
    this.addSql(`create index "lot_event_lot_id_seq_index" on "lot_event" ("lot_id", "seq");`);
    this.addSql(
      `alter table "lot_event" add constraint "lot_event_lot_id_chain_pos_unique" unique ("lot_id", "chain_pos");`,
    );

    this.addSql(
      `create table "lot_bid" ("id" uuid not null, "lot_id" uuid not null, "version" int not null, "organization_id" uuid not null, "tariff" int not null, "programme_commitment" bigint not null, "experience_years" smallint not null, "submitted_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "lot_bid" add constraint "lot_bid_lot_id_version_organization_id_unique" unique ("lot_id", "version", "organization_id");`,
    );

    this.addSql(
      `create table "lot_application" ("id" uuid not null, "lot_id" uuid not null, "version" int not null, "organization_id" uuid not null, "tariff" int not null, "applied_at" timestamptz not null, "applied_by_user_id" uuid not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "lot_application" add constraint "lot_application_lot_id_version_organization_id_unique" unique ("lot_id", "version", "organization_id");`,
    );

    this.addSql(
      `create table "lot_programme_item" ("id" uuid not null, "lot_id" uuid not null, "version" int not null, "building_id" uuid not null, "year" smallint not null, "element" text not null, "estimated_cost" bigint not null, "source" text not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "lot_programme_item_lot_id_version_index" on "lot_programme_item" ("lot_id", "version");`,
    );

    this.addSql(
      `create table "lot_membership" ("id" uuid not null, "lot_id" uuid not null, "building_id" uuid not null, "version" int not null, "since" timestamptz not null, "until" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "lot_membership_lot_id_until_index" on "lot_membership" ("lot_id", "until");`);
    this.addSql(
      `create unique index "lot_membership_current_unique" on "lot_membership" ("building_id") where until is null;`,
    );

    this.addSql(
      `alter table "lot" add constraint "lot_district_id_foreign" foreign key ("district_id") references "district" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot" add constraint "lot_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(`alter table "lot" add constraint "lot_number_check" check (number >= 1 and version >= 1);`);
    this.addSql(
      `alter table "lot" add constraint "lot_approval_check" check ("approval" in ('draft', 'submitted', 'returned', 'approved'));`,
    );
    this.addSql(
      `alter table "lot" add constraint "lot_selection_check" check ("selection" in ('not_started', 'applications', 'voting', 'repeat_voting', 'chosen', 'competition', 'appointed'));`,
    );

    this.addSql(
      `alter table "lot_version" add constraint "lot_version_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "lot_event" add constraint "lot_event_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "lot_event_lot_event_immutable_fn"() returns trigger as $$ begin raise exception 'lot history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "lot_event_immutable" BEFORE UPDATE OR DELETE on "lot_event" for each ROW execute function "lot_event_lot_event_immutable_fn"();`,
    );
    this.addSql(
      `create trigger "lot_event_chain" before insert on "lot_event" for each row execute function audit_chain('lot_id');`,
    );

    this.addSql(
      `alter table "lot_bid" add constraint "lot_bid_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_bid" add constraint "lot_bid_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_bid" add constraint "lot_bid_figures_check" check (tariff > 0 and programme_commitment >= 0 and experience_years >= 0);`,
    );

    this.addSql(
      `alter table "lot_application" add constraint "lot_application_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_application" add constraint "lot_application_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_application" add constraint "lot_application_tariff_check" check (tariff > 0);`,
    );

    this.addSql(
      `alter table "lot_programme_item" add constraint "lot_programme_item_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_programme_item" add constraint "lot_programme_item_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_programme_item" add constraint "lot_programme_item_year_check" check (year between 1 and 10);`,
    );
    this.addSql(
      `alter table "lot_programme_item" add constraint "lot_programme_item_cost_check" check (estimated_cost > 0);`,
    );
    this.addSql(
      `alter table "lot_programme_item" add constraint "lot_programme_item_element_check" check ("element" in ('roof', 'facade', 'foundation', 'heating', 'water_supply', 'sewerage', 'electricity', 'gas', 'elevators'));`,
    );
    this.addSql(
      `alter table "lot_programme_item" add constraint "lot_programme_item_source_check" check ("source" in ('owners_contributions', 'building_account', 'district_funds', 'state_fund'));`,
    );

    this.addSql(
      `alter table "lot_membership" add constraint "lot_membership_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_membership" add constraint "lot_membership_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "lot_membership" add constraint "lot_membership_period_check" check (until is null or until >= since);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "lot_version" drop constraint "lot_version_lot_id_foreign";`);
    this.addSql(`alter table "lot_event" drop constraint "lot_event_lot_id_foreign";`);
    this.addSql(`alter table "lot_bid" drop constraint "lot_bid_lot_id_foreign";`);
    this.addSql(`alter table "lot_application" drop constraint "lot_application_lot_id_foreign";`);
    this.addSql(`alter table "lot_programme_item" drop constraint "lot_programme_item_lot_id_foreign";`);
    this.addSql(`alter table "lot_membership" drop constraint "lot_membership_lot_id_foreign";`);

    this.addSql(`drop table if exists "lot" cascade;`);
    this.addSql(`drop table if exists "lot_version" cascade;`);
    this.addSql(`drop trigger if exists "lot_event_immutable" on "lot_event";`);
    this.addSql(`drop function if exists "lot_event_lot_event_immutable_fn"();`);
    this.addSql(`drop trigger if exists "lot_event_chain" on "lot_event";`);
    this.addSql(`drop function if exists "lot_event_lot_event_chain_fn"();`);
    this.addSql(`drop table if exists "lot_event" cascade;`);
    this.addSql(`drop table if exists "lot_bid" cascade;`);
    this.addSql(`drop table if exists "lot_application" cascade;`);
    this.addSql(`drop table if exists "lot_programme_item" cascade;`);
    this.addSql(`drop table if exists "lot_membership" cascade;`);
  }
}
