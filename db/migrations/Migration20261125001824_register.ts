import { Migration } from '@mikro-orm/migrations';

export class Migration20261125001824_register extends Migration {
  override name = 'Migration20261125001824_register';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "register_application" ("id" uuid not null, "organization_id" uuid not null, "tin" varchar(9) not null, "name" varchar(255) not null, "district_id" uuid not null, "submitted_by_user_id" uuid not null, "own_funds_uzs" bigint not null, "technical_base" jsonb not null, "dispatch" jsonb not null, "state" text not null, "verdicts" jsonb not null, "corrections" jsonb null, "corrections_due_at" timestamptz null, "last_checked_at" timestamptz null, "decided_at" timestamptz null, "reason" varchar(64) null, "policy" jsonb not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "register_application_organization_id_index" on "register_application" ("organization_id");`,
    );
    this.addSql(
      `create index "register_application_district_id_index" on "register_application" ("district_id");`,
    );
    this.addSql(
      `alter table "register_application" add constraint "register_application_idempotency_key_unique" unique ("idempotency_key");`,
    );

    this.addSql(
      `create table "register_event" ("id" uuid not null, "organization_id" uuid not null, "application_id" uuid null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(32) not null, "from_state" text null, "to_state" text not null, "reason" varchar(64) null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "register_event_organization_id_at_index" on "register_event" ("organization_id", "at");`,
    );

    this.addSql(
      `alter table "register_application" add constraint "register_application_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "register_application" add constraint "register_application_district_id_foreign" foreign key ("district_id") references "district" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "register_application" add constraint "register_application_state_check" check ("state" in ('applicant', 'under_review', 'corrections_requested', 'registered', 'rejected', 'suspended', 'removed'));`,
    );

    this.addSql(
      `alter table "register_event" add constraint "register_event_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "register_event" add constraint "register_event_application_id_foreign" foreign key ("application_id") references "register_application" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "register_event" add constraint "register_event_from_state_check" check ("from_state" in ('applicant', 'under_review', 'corrections_requested', 'registered', 'rejected', 'suspended', 'removed'));`,
    );
    this.addSql(
      `alter table "register_event" add constraint "register_event_to_state_check" check ("to_state" in ('applicant', 'under_review', 'corrections_requested', 'registered', 'rejected', 'suspended', 'removed'));`,
    );
    this.addSql(`create or replace function "register_event_register_event_immutable_fn"() returns trigger as $$ begin raise exception 'register history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "register_event_immutable" BEFORE UPDATE OR DELETE on "register_event" for each ROW execute function "register_event_register_event_immutable_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "register_event" drop constraint "register_event_application_id_foreign";`);

    this.addSql(`drop table if exists "register_application" cascade;`);
    this.addSql(`drop trigger if exists "register_event_immutable" on "register_event";`);
    this.addSql(`drop function if exists "register_event_register_event_immutable_fn"();`);
    this.addSql(`drop table if exists "register_event" cascade;`);
  }
}
