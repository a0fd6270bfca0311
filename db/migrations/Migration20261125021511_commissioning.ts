import { Migration } from '@mikro-orm/migrations';

export class Migration20261125021511_commissioning extends Migration {
  override name = 'Migration20261125021511_commissioning';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "commissioning_application" ("id" uuid not null, "building_id" uuid not null, "district_id" uuid not null, "cadastral_number" varchar(64) not null, "developer_tin" varchar(9) not null, "developer_name" varchar(255) not null, "contact_email" varchar(255) not null, "applicant_user_id" uuid not null, "state" text not null, "since" timestamptz not null, "applied_at" timestamptz not null, "due_at" timestamptz null, "conditions" jsonb not null, "rejection" jsonb null, "policy" jsonb not null, "passport" jsonb null, "registry_problem" text null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "commissioning_application_building_id_index" on "commissioning_application" ("building_id");`,
    );
    this.addSql(
      `create index "commissioning_application_cadastral_number_index" on "commissioning_application" ("cadastral_number");`,
    );
    this.addSql(
      `alter table "commissioning_application" add constraint "commissioning_application_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "commissioning_application_district_id_state_index" on "commissioning_application" ("district_id", "state");`,
    );
    this.addSql(
      `create index "commissioning_application_developer_tin_index" on "commissioning_application" ("developer_tin");`,
    );

    this.addSql(
      `create table "commissioning_event" ("id" uuid not null, "seq" bigserial, "application_id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(48) not null, "from_state" varchar(48) null, "to_state" varchar(48) not null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "commissioning_event_application_id_seq_index" on "commissioning_event" ("application_id", "seq");`,
    );

    this.addSql(
      `create table "commissioning_act" ("id" uuid not null, "application_id" uuid not null, "kind" text not null, "organization_id" uuid not null, "sha256" varchar(64) not null, "html" text not null, "input" jsonb not null, "created_by_user_id" uuid not null, "idempotency_key" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "commissioning_act" add constraint "commissioning_act_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `alter table "commissioning_act" add constraint "commissioning_act_application_id_sha256_unique" unique ("application_id", "sha256");`,
    );

    this.addSql(
      `create table "commissioning_act_signature" ("id" uuid not null, "act_id" uuid not null, "party" text not null, "tin" varchar(9) not null, "signer_user_id" uuid not null, "signer_name" varchar(255) not null, "envelope" jsonb not null, "verification" jsonb not null, "signed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "commissioning_act_signature" add constraint "commissioning_act_signature_act_id_party_unique" unique ("act_id", "party");`,
    );

    this.addSql(`alter table "role_grant" drop constraint "role_grant_role_check";`);
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_role_check" check ("role" in ('resident', 'management_company', 'council', 'inspector', 'admin', 'developer'));`,
    );

    this.addSql(
      `alter table "commissioning_application" add constraint "commissioning_application_district_id_foreign" foreign key ("district_id") references "district" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "commissioning_application" add constraint "commissioning_application_state_check" check ("state" in ('applied', 'checking', 'waiting', 'commissioned', 'rejected'));`,
    );

    this.addSql(
      `alter table "commissioning_event" add constraint "commissioning_event_application_id_foreign" foreign key ("application_id") references "commissioning_application" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "commissioning_event_commissioning_event_immutable_fn"() returns trigger as $$ begin raise exception 'commissioning history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "commissioning_event_immutable" BEFORE UPDATE OR DELETE on "commissioning_event" for each ROW execute function "commissioning_event_commissioning_event_immutable_fn"();`,
    );

    this.addSql(
      `alter table "commissioning_act" add constraint "commissioning_act_application_id_foreign" foreign key ("application_id") references "commissioning_application" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "commissioning_act" add constraint "commissioning_act_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "commissioning_act" add constraint "commissioning_act_kind_check" check ("kind" in ('solar_transfer', 'management_engagement'));`,
    );

    this.addSql(
      `alter table "commissioning_act_signature" add constraint "commissioning_act_signature_act_id_foreign" foreign key ("act_id") references "commissioning_act" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "commissioning_act_signature" add constraint "commissioning_act_signature_party_check" check ("party" in ('developer', 'management_organization'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "commissioning_event" drop constraint "commissioning_event_application_id_foreign";`,
    );
    this.addSql(
      `alter table "commissioning_act" drop constraint "commissioning_act_application_id_foreign";`,
    );
    this.addSql(
      `alter table "commissioning_act_signature" drop constraint "commissioning_act_signature_act_id_foreign";`,
    );

    this.addSql(`drop table if exists "commissioning_application" cascade;`);
    this.addSql(`drop trigger if exists "commissioning_event_immutable" on "commissioning_event";`);
    this.addSql(`drop function if exists "commissioning_event_commissioning_event_immutable_fn"();`);
    this.addSql(`drop table if exists "commissioning_event" cascade;`);
    this.addSql(`drop table if exists "commissioning_act" cascade;`);
    this.addSql(`drop table if exists "commissioning_act_signature" cascade;`);

    this.addSql(`alter table "role_grant" drop constraint "role_grant_role_check";`);
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_role_check" check ("role" in ('resident', 'management_company', 'council', 'inspector', 'admin'));`,
    );
  }
}
