import { Migration } from '@mikro-orm/migrations';

export class Migration20261206150456_dispatch extends Migration {
  override name = 'Migration20261206150456_dispatch';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "dispatch_number" ("organization_id" uuid not null, "year" int not null, "last" int not null, primary key ("organization_id", "year"));`,
    );

    this.addSql(
      `create table "dispatch_shift" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid not null, "name" varchar(255) not null, "role" text not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "categories" jsonb not null, "building_ids" jsonb not null, "idempotency_key" varchar(255) not null, "created_by_user_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dispatch_shift" add constraint "dispatch_shift_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "dispatch_shift_organization_id_starts_at_index" on "dispatch_shift" ("organization_id", "starts_at");`,
    );
    this.addSql(
      `create index "dispatch_shift_organization_id_ends_at_index" on "dispatch_shift" ("organization_id", "ends_at");`,
    );

    this.addSql(
      `create table "dispatch_mass_incident" ("id" uuid not null, "organization_id" uuid not null, "scope" text not null, "building_id" uuid not null, "street" varchar(255) null, "category" text not null, "opened_at" timestamptz not null, "resolved_at" timestamptz null, "resolution_note" text null, "resolved_by_user_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create index "dispatch_mass_incident_organization_id_resolved_at_index" on "dispatch_mass_incident" ("organization_id", "resolved_at");`,
    );

    this.addSql(
      `create table "dispatch_request" ("id" uuid not null, "number" varchar(16) not null, "organization_id" uuid not null, "building_id" uuid not null, "apartment_id" uuid null, "district_id" uuid not null, "resident_id" uuid null, "resident_user_id" uuid null, "channel" text not null, "status" text not null, "category" text not null, "urgency" text not null, "needs_confirmation" boolean not null, "assignee_user_id" uuid null, "mass_incident_id" uuid null, "duplicate_of" uuid null, "registered_at" timestamptz not null, "next_due_at" timestamptz null, "done_at" timestamptz null, "closed_at" timestamptz null, "rating" smallint null, "state" jsonb not null, "policy" jsonb not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "dispatch_request_organization_id_status_registered_at_index" on "dispatch_request" ("organization_id", "status", "registered_at");`,
    );
    this.addSql(
      `create index "dispatch_request_building_id_registered_at_index" on "dispatch_request" ("building_id", "registered_at");`,
    );
    this.addSql(
      `create index "dispatch_request_resident_user_id_registered_at_index" on "dispatch_request" ("resident_user_id", "registered_at");`,
    );
    this.addSql(
      `create index "dispatch_request_assignee_user_id_status_index" on "dispatch_request" ("assignee_user_id", "status");`,
    );
    this.addSql(
      `create index "dispatch_request_mass_incident_id_index" on "dispatch_request" ("mass_incident_id");`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_organization_id_number_unique" unique ("organization_id", "number");`,
    );

    this.addSql(
      `create table "dispatch_triage_correction" ("id" uuid not null, "request_id" uuid not null, "text" text not null, "language" text not null, "model_version" varchar(255) not null, "model_category" text not null, "model_urgency" text not null, "category" text not null, "urgency" text not null, "by_user_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "dispatch_triage_correction_created_at_index" on "dispatch_triage_correction" ("created_at");`,
    );

    this.addSql(
      `create table "dispatch_triage" ("request_id" uuid not null, "model_version" varchar(255) not null, "language" text not null, "language_confidence" double precision not null, "category" text not null, "category_confidence" double precision not null, "urgency" text not null, "urgency_confidence" double precision not null, "category_top" jsonb not null, "rule_fired" varchar(255) null, "needs_confirmation" boolean not null, "duplicates" jsonb not null, "latency_micros" int not null, "created_at" timestamptz not null, primary key ("request_id"));`,
    );

    this.addSql(
      `create table "dispatch_photo" ("id" uuid not null, "request_id" uuid not null, "part" text not null, "uploaded_by_user_id" uuid not null, "media_type" varchar(64) not null, "size" int not null, "storage_key" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "dispatch_photo_request_id_index" on "dispatch_photo" ("request_id");`);

    this.addSql(
      `create table "dispatch_event" ("id" uuid not null, "chain_pos" int not null default 0, "prev_hash" varchar(64) not null default '', "row_hash" varchar(64) not null default '', "seq" bigserial, "request_id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(32) not null, "from_status" varchar(32) null, "to_status" varchar(32) not null, "request_key" varchar(128) not null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "dispatch_event_request_id_seq_index" on "dispatch_event" ("request_id", "seq");`,
    );
    this.addSql(
      `alter table "dispatch_event" add constraint "dispatch_event_request_id_chain_pos_unique" unique ("request_id", "chain_pos");`,
    );
    this.addSql(
      `alter table "dispatch_event" add constraint "dispatch_event_request_id_request_key_unique" unique ("request_id", "request_key");`,
    );

    this.addSql(
      `alter table "dispatch_shift" add constraint "dispatch_shift_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_shift" add constraint "dispatch_shift_role_check" check ("role" in ('dispatcher', 'technician'));`,
    );

    this.addSql(
      `alter table "dispatch_mass_incident" add constraint "dispatch_mass_incident_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_mass_incident" add constraint "dispatch_mass_incident_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_mass_incident" add constraint "dispatch_mass_incident_scope_check" check ("scope" in ('building', 'street'));`,
    );
    this.addSql(
      `alter table "dispatch_mass_incident" add constraint "dispatch_mass_incident_category_check" check ("category" in ('water_leak', 'no_water', 'sewerage', 'heating', 'electricity', 'gas', 'elevator', 'roof', 'facade_entrance', 'intercom_doors', 'cleaning_waste', 'yard', 'pests', 'other'));`,
    );

    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_district_id_foreign" foreign key ("district_id") references "district" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_resident_id_foreign" foreign key ("resident_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_mass_incident_id_foreign" foreign key ("mass_incident_id") references "dispatch_mass_incident" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_channel_check" check ("channel" in ('app', 'phone'));`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_status_check" check ("status" in ('registered', 'queued', 'assigned', 'accepted', 'on_the_way', 'on_site', 'contained', 'done', 'confirmed', 'closed'));`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_category_check" check ("category" in ('water_leak', 'no_water', 'sewerage', 'heating', 'electricity', 'gas', 'elevator', 'roof', 'facade_entrance', 'intercom_doors', 'cleaning_waste', 'yard', 'pests', 'other'));`,
    );
    this.addSql(
      `alter table "dispatch_request" add constraint "dispatch_request_urgency_check" check ("urgency" in ('routine', 'urgent', 'emergency'));`,
    );

    this.addSql(
      `alter table "dispatch_triage_correction" add constraint "dispatch_triage_correction_request_id_foreign" foreign key ("request_id") references "dispatch_request" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_triage_correction" add constraint "dispatch_triage_correction_language_check" check ("language" in ('uz_latn', 'uz_cyrl', 'ru', 'en'));`,
    );
    this.addSql(
      `alter table "dispatch_triage_correction" add constraint "dispatch_triage_correction_model_category_check" check ("model_category" in ('water_leak', 'no_water', 'sewerage', 'heating', 'electricity', 'gas', 'elevator', 'roof', 'facade_entrance', 'intercom_doors', 'cleaning_waste', 'yard', 'pests', 'other'));`,
    );
    this.addSql(
      `alter table "dispatch_triage_correction" add constraint "dispatch_triage_correction_model_urgency_check" check ("model_urgency" in ('routine', 'urgent', 'emergency'));`,
    );
    this.addSql(
      `alter table "dispatch_triage_correction" add constraint "dispatch_triage_correction_category_check" check ("category" in ('water_leak', 'no_water', 'sewerage', 'heating', 'electricity', 'gas', 'elevator', 'roof', 'facade_entrance', 'intercom_doors', 'cleaning_waste', 'yard', 'pests', 'other'));`,
    );
    this.addSql(
      `alter table "dispatch_triage_correction" add constraint "dispatch_triage_correction_urgency_check" check ("urgency" in ('routine', 'urgent', 'emergency'));`,
    );

    this.addSql(
      `alter table "dispatch_triage" add constraint "dispatch_triage_request_id_foreign" foreign key ("request_id") references "dispatch_request" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_triage" add constraint "dispatch_triage_language_check" check ("language" in ('uz_latn', 'uz_cyrl', 'ru', 'en'));`,
    );
    this.addSql(
      `alter table "dispatch_triage" add constraint "dispatch_triage_category_check" check ("category" in ('water_leak', 'no_water', 'sewerage', 'heating', 'electricity', 'gas', 'elevator', 'roof', 'facade_entrance', 'intercom_doors', 'cleaning_waste', 'yard', 'pests', 'other'));`,
    );
    this.addSql(
      `alter table "dispatch_triage" add constraint "dispatch_triage_urgency_check" check ("urgency" in ('routine', 'urgent', 'emergency'));`,
    );

    this.addSql(
      `alter table "dispatch_photo" add constraint "dispatch_photo_request_id_foreign" foreign key ("request_id") references "dispatch_request" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "dispatch_photo" add constraint "dispatch_photo_part_check" check ("part" in ('request', 'done'));`,
    );

    this.addSql(
      `alter table "dispatch_event" add constraint "dispatch_event_request_id_foreign" foreign key ("request_id") references "dispatch_request" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "dispatch_event_dispatch_event_immutable_fn"() returns trigger as $$ begin raise exception 'dispatch history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "dispatch_event_immutable" BEFORE UPDATE OR DELETE on "dispatch_event" for each ROW execute function "dispatch_event_dispatch_event_immutable_fn"();`,
    );
    this.addSql(
      `create trigger "dispatch_event_chain" before insert on "dispatch_event" for each row execute function audit_chain('request_id');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "dispatch_request" drop constraint "dispatch_request_mass_incident_id_foreign";`,
    );
    this.addSql(
      `alter table "dispatch_triage_correction" drop constraint "dispatch_triage_correction_request_id_foreign";`,
    );
    this.addSql(`alter table "dispatch_triage" drop constraint "dispatch_triage_request_id_foreign";`);
    this.addSql(`alter table "dispatch_photo" drop constraint "dispatch_photo_request_id_foreign";`);
    this.addSql(`alter table "dispatch_event" drop constraint "dispatch_event_request_id_foreign";`);

    this.addSql(`drop table if exists "dispatch_number" cascade;`);
    this.addSql(`drop table if exists "dispatch_shift" cascade;`);
    this.addSql(`drop table if exists "dispatch_mass_incident" cascade;`);
    this.addSql(`drop table if exists "dispatch_request" cascade;`);
    this.addSql(`drop table if exists "dispatch_triage_correction" cascade;`);
    this.addSql(`drop table if exists "dispatch_triage" cascade;`);
    this.addSql(`drop table if exists "dispatch_photo" cascade;`);
    this.addSql(`drop trigger if exists "dispatch_event_immutable" on "dispatch_event";`);
    this.addSql(`drop function if exists "dispatch_event_dispatch_event_immutable_fn"();`);
    this.addSql(`drop trigger if exists "dispatch_event_chain" on "dispatch_event";`);
    this.addSql(`drop function if exists "dispatch_event_dispatch_event_chain_fn"();`);
    this.addSql(`drop table if exists "dispatch_event" cascade;`);
  }
}
