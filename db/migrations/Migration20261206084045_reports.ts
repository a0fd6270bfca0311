import { Migration } from '@mikro-orm/migrations';

export class Migration20261206084045_reports extends Migration {
  override name = 'Migration20261206084045_reports';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "report" ("id" uuid not null, "building_id" uuid not null, "district_id" uuid not null, "organization_id" uuid null, "quarter" varchar(7) not null, "status" text not null, "state" jsonb not null, "policy" jsonb not null, "deadline_at" timestamptz not null, "entered_at" timestamptz null, "late" boolean null, "suspended_months" jsonb not null, "kept_months" jsonb null, "lifted_from" varchar(7) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "report_district_id_quarter_index" on "report" ("district_id", "quarter");`);
    this.addSql(
      `create index "report_organization_id_quarter_index" on "report" ("organization_id", "quarter");`,
    );
    this.addSql(
      `alter table "report" add constraint "report_building_id_quarter_unique" unique ("building_id", "quarter");`,
    );

    this.addSql(
      `create table "report_event" ("id" uuid not null, "chain_pos" int not null default 0, "prev_hash" varchar(64) not null default '', "row_hash" varchar(64) not null default '', "seq" bigserial, "report_id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(32) not null, "from_status" varchar(32) null, "to_status" varchar(32) not null, "request_id" varchar(128) null, "request_sha256" varchar(64) null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "report_event_report_id_seq_index" on "report_event" ("report_id", "seq");`);
    this.addSql(
      `alter table "report_event" add constraint "report_event_report_id_chain_pos_unique" unique ("report_id", "chain_pos");`,
    );
    this.addSql(
      `alter table "report_event" add constraint "report_event_report_id_request_id_unique" unique ("report_id", "request_id");`,
    );

    this.addSql(
      `create table "report_version" ("id" uuid not null, "report_id" uuid not null, "version" int not null, "reason" text null, "late" boolean not null, "submitted_at" timestamptz not null, "submitted_by_user_id" uuid not null, "note" text not null, "total_cost_tiyin" bigint not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "report_version" add constraint "report_version_report_id_version_unique" unique ("report_id", "version");`,
    );

    this.addSql(
      `create table "report_work" ("id" uuid not null, "version_id" uuid not null, "line" int not null, "kind" text not null, "element" varchar(32) not null, "description" text not null, "quantity_milli" bigint not null, "unit" varchar(16) not null, "cost_tiyin" bigint not null, "done_on" date not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "report_work" add constraint "report_work_version_id_line_unique" unique ("version_id", "line");`,
    );

    this.addSql(
      `alter table "report" add constraint "report_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report" add constraint "report_district_id_foreign" foreign key ("district_id") references "district" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report" add constraint "report_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report" add constraint "report_status_check" check ("status" in ('due', 'draft', 'submitted'));`,
    );

    this.addSql(
      `alter table "report_event" add constraint "report_event_report_id_foreign" foreign key ("report_id") references "report" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "report_event_report_event_immutable_fn"() returns trigger as $$ begin raise exception 'report history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "report_event_immutable" BEFORE UPDATE OR DELETE on "report_event" for each ROW execute function "report_event_report_event_immutable_fn"();`,
    );
    this.addSql(
      `create trigger "report_event_chain" before insert on "report_event" for each row execute function audit_chain('report_id');`,
    );

    this.addSql(
      `alter table "report_version" add constraint "report_version_report_id_foreign" foreign key ("report_id") references "report" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "report_version_report_version_immutable_fn"() returns trigger as $$ begin raise exception 'report versions is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "report_version_immutable" BEFORE UPDATE OR DELETE on "report_version" for each ROW execute function "report_version_report_version_immutable_fn"();`,
    );

    this.addSql(
      `alter table "report_work" add constraint "report_work_version_id_foreign" foreign key ("version_id") references "report_version" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report_work" add constraint "report_work_kind_check" check ("kind" in ('planned', 'unplanned', 'emergency'));`,
    );
    this.addSql(`create or replace function "report_work_report_work_immutable_fn"() returns trigger as $$ begin raise exception 'report work lines is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "report_work_immutable" BEFORE UPDATE OR DELETE on "report_work" for each ROW execute function "report_work_report_work_immutable_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "report_event" drop constraint "report_event_report_id_foreign";`);
    this.addSql(`alter table "report_version" drop constraint "report_version_report_id_foreign";`);
    this.addSql(`alter table "report_work" drop constraint "report_work_version_id_foreign";`);

    this.addSql(`drop table if exists "report" cascade;`);
    this.addSql(`drop trigger if exists "report_event_immutable" on "report_event";`);
    this.addSql(`drop function if exists "report_event_report_event_immutable_fn"();`);
    this.addSql(`drop trigger if exists "report_event_chain" on "report_event";`);
    this.addSql(`drop function if exists "report_event_report_event_chain_fn"();`);
    this.addSql(`drop table if exists "report_event" cascade;`);
    this.addSql(`drop trigger if exists "report_version_immutable" on "report_version";`);
    this.addSql(`drop function if exists "report_version_report_version_immutable_fn"();`);
    this.addSql(`drop table if exists "report_version" cascade;`);
    this.addSql(`drop trigger if exists "report_work_immutable" on "report_work";`);
    this.addSql(`drop function if exists "report_work_report_work_immutable_fn"();`);
    this.addSql(`drop table if exists "report_work" cascade;`);
  }
}
