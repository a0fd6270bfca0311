import { Migration } from '@mikro-orm/migrations';

export class Migration20261125013933_appeals extends Migration {
  override name = 'Migration20261125013933_appeals';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "appeal_number" ("year" int not null, "last" int not null, primary key ("year"));`,
    );

    this.addSql(
      `create table "appeal" ("id" uuid not null, "registration_number" varchar(16) not null, "category" text not null, "kind" text not null, "applicant_id" uuid not null, "applicant_user_id" uuid not null, "building_id" uuid not null, "apartment_id" uuid null, "district_id" uuid not null, "organization_id" uuid null, "status" text not null, "level" text not null, "responsible_kind" varchar(32) not null, "responsible_id" varchar(64) not null, "received_at" timestamptz not null, "due_at" timestamptz not null, "answered_at" timestamptz null, "answered_in_time" boolean null, "closed_at" timestamptz null, "state" jsonb not null, "policy" jsonb not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_registration_number_unique" unique ("registration_number");`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(`create index "appeal_district_id_status_index" on "appeal" ("district_id", "status");`);
    this.addSql(
      `create index "appeal_responsible_kind_responsible_id_status_index" on "appeal" ("responsible_kind", "responsible_id", "status");`,
    );
    this.addSql(
      `create index "appeal_applicant_id_received_at_index" on "appeal" ("applicant_id", "received_at");`,
    );

    this.addSql(
      `create table "appeal_event" ("id" uuid not null, "seq" bigserial, "appeal_id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(32) not null, "from_status" varchar(32) null, "to_status" varchar(32) not null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "appeal_event_appeal_id_seq_index" on "appeal_event" ("appeal_id", "seq");`);

    this.addSql(
      `create table "appeal_attachment" ("id" uuid not null, "appeal_id" uuid null, "part" text null, "uploaded_by_user_id" uuid not null, "filename" varchar(255) not null, "media_type" varchar(64) not null, "size" int not null, "storage_key" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "appeal_attachment_appeal_id_index" on "appeal_attachment" ("appeal_id");`);

    this.addSql(
      `alter table "appeal" add constraint "appeal_applicant_id_foreign" foreign key ("applicant_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_district_id_foreign" foreign key ("district_id") references "district" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_category_check" check ("category" in ('maintenance', 'cleaning', 'heating', 'water', 'lift', 'dispatch', 'management_fees', 'meeting_procedure', 'contract', 'common_property', 'building_safety', 'other'));`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_kind_check" check ("kind" in ('application', 'complaint', 'proposal'));`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_status_check" check ("status" in ('registered', 'in_progress', 'answered', 'reopened', 'escalated', 'transferred', 'closed'));`,
    );
    this.addSql(
      `alter table "appeal" add constraint "appeal_level_check" check ("level" in ('management_organization', 'council', 'inspection'));`,
    );

    this.addSql(
      `alter table "appeal_event" add constraint "appeal_event_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "appeal_event_appeal_event_immutable_fn"() returns trigger as $$ begin raise exception 'appeal history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "appeal_event_immutable" BEFORE UPDATE OR DELETE on "appeal_event" for each ROW execute function "appeal_event_appeal_event_immutable_fn"();`,
    );

    this.addSql(
      `alter table "appeal_attachment" add constraint "appeal_attachment_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "appeal_attachment" add constraint "appeal_attachment_part_check" check ("part" in ('appeal', 'answer'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "appeal_event" drop constraint "appeal_event_appeal_id_foreign";`);
    this.addSql(`alter table "appeal_attachment" drop constraint "appeal_attachment_appeal_id_foreign";`);

    this.addSql(`drop table if exists "appeal_number" cascade;`);
    this.addSql(`drop table if exists "appeal" cascade;`);
    this.addSql(`drop trigger if exists "appeal_event_immutable" on "appeal_event";`);
    this.addSql(`drop function if exists "appeal_event_appeal_event_immutable_fn"();`);
    this.addSql(`drop table if exists "appeal_event" cascade;`);
    this.addSql(`drop table if exists "appeal_attachment" cascade;`);
  }
}
