import { Migration } from '@mikro-orm/migrations';

export class Migration20261125020258_registry_condition extends Migration {
  override name = 'Migration20261125020258_registry_condition';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "import_run" ("id" uuid not null, "kind" text not null, "filename" varchar(255) not null, "sha256" varchar(64) not null, "status" text not null, "rows" int not null, "created" int not null default 0, "updated" int not null default 0, "unchanged" int not null default 0, "errors" jsonb not null, "created_by_user_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "meter_reading" ("id" uuid not null, "building_id" uuid not null, "meter_id" varchar(64) not null, "resource" text not null, "read_at" timestamptz not null, "value" numeric(16,3) not null, "replaced" boolean not null default false, "old_device_final_value" numeric(16,3) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "meter_reading_building_id_resource_read_at_index" on "meter_reading" ("building_id", "resource", "read_at");`,
    );
    this.addSql(
      `alter table "meter_reading" add constraint "meter_reading_meter_id_read_at_unique" unique ("meter_id", "read_at");`,
    );

    this.addSql(
      `create table "land_plot" ("id" uuid not null, "building_id" uuid not null, "cadastral_number" varchar(64) not null, "area_m2" numeric(12,2) not null, "boundary" jsonb null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "land_plot" add constraint "land_plot_building_id_unique" unique ("building_id");`,
    );
    this.addSql(
      `alter table "land_plot" add constraint "land_plot_cadastral_number_unique" unique ("cadastral_number");`,
    );

    this.addSql(
      `create table "element_assessment" ("id" uuid not null, "building_id" uuid not null, "element" text not null, "wear_percent" smallint not null, "defects" jsonb not null, "inspector_id" varchar(64) not null, "inspector_name" varchar(255) null, "assessed_at" timestamptz not null, "idempotency_key" varchar(255) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "element_assessment" add constraint "element_assessment_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "element_assessment_building_id_element_assessed_at_index" on "element_assessment" ("building_id", "element", "assessed_at");`,
    );

    this.addSql(
      `create table "building_classification" ("id" uuid not null, "seq" bigserial, "building_id" uuid not null, "outcome" text not null, "previous_outcome" text null, "reasons" jsonb not null, "average_wear" numeric(5,2) null, "policy" jsonb not null, "cause" varchar(32) not null, "decided_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "building_classification_building_id_seq_index" on "building_classification" ("building_id", "seq");`,
    );

    this.addSql(
      `create table "solar_installation" ("id" uuid not null, "building_id" uuid not null, "panel_count" int not null, "capacity_kw" numeric(10,2) not null, "owner" text not null, "owner_name" varchar(255) null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "solar_installation" add constraint "solar_installation_building_id_unique" unique ("building_id");`,
    );

    this.addSql(
      `alter table "import_run" add constraint "import_run_kind_check" check ("kind" in ('buildings', 'apartments', 'owners'));`,
    );
    this.addSql(
      `alter table "import_run" add constraint "import_run_status_check" check ("status" in ('rejected', 'imported'));`,
    );

    this.addSql(
      `alter table "meter_reading" add constraint "meter_reading_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meter_reading" add constraint "meter_reading_resource_check" check ("resource" in ('electricity', 'gas', 'cold_water', 'hot_water', 'heat'));`,
    );

    this.addSql(
      `alter table "land_plot" add constraint "land_plot_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "element_assessment" add constraint "element_assessment_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "element_assessment" add constraint "element_assessment_wear_check" check (wear_percent between 0 and 100);`,
    );
    this.addSql(
      `alter table "element_assessment" add constraint "element_assessment_element_check" check ("element" in ('roof', 'facade', 'foundation', 'heating', 'water_supply', 'sewerage', 'electricity', 'gas', 'elevators'));`,
    );

    this.addSql(
      `alter table "building_classification" add constraint "building_classification_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "building_classification" add constraint "building_classification_outcome_check" check ("outcome" in ('green', 'yellow', 'red', 'unknown'));`,
    );
    this.addSql(
      `alter table "building_classification" add constraint "building_classification_previous_outcome_check" check ("previous_outcome" in ('green', 'yellow', 'red', 'unknown'));`,
    );
    this.addSql(`create or replace function "building_classification_building_classification_immutable_fn"() returns trigger as $$ begin raise exception 'classification history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "building_classification_immutable" BEFORE UPDATE OR DELETE on "building_classification" for each ROW execute function "building_classification_building_classification_immutable_fn"();`,
    );

    this.addSql(
      `alter table "solar_installation" add constraint "solar_installation_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "solar_installation" add constraint "solar_installation_owner_check" check ("owner" in ('developer', 'owners_common_property', 'management_organization', 'other'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_run" cascade;`);
    this.addSql(`drop table if exists "meter_reading" cascade;`);
    this.addSql(`drop table if exists "land_plot" cascade;`);
    this.addSql(`drop table if exists "element_assessment" cascade;`);
    this.addSql(`drop trigger if exists "building_classification_immutable" on "building_classification";`);
    this.addSql(`drop function if exists "building_classification_building_classification_immutable_fn"();`);
    this.addSql(`drop table if exists "building_classification" cascade;`);
    this.addSql(`drop table if exists "solar_installation" cascade;`);
  }
}
