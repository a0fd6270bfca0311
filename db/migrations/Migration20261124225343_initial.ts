import { Migration } from '@mikro-orm/migrations';

export class Migration20261124225343_initial extends Migration {
  override name = 'Migration20261124225343_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "mail_outbox" ("id" uuid not null, "idempotency_key" varchar(255) not null, "to" text not null, "subject" varchar(255) not null, "text" text not null, "html" text null, "attachments" jsonb null, "status" text not null default 'pending', "message_id" varchar(255) null, "created_at" timestamptz not null, "sent_at" timestamptz null, "error" text null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "mail_outbox" add constraint "mail_outbox_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "mail_outbox_status_created_at_index" on "mail_outbox" ("status", "created_at");`,
    );
    this.addSql(
      `alter table "mail_outbox" add constraint "mail_outbox_status_check" check ("status" in ('pending', 'sent', 'failed'));`,
    );

    this.addSql(
      `create table "management_organization" ("id" uuid not null, "tin" varchar(9) not null, "name" varchar(255) not null, "register_status" text not null, "email" varchar(255) not null, "phone" varchar(32) not null, "dispatch_phone" varchar(32) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "management_organization" add constraint "management_organization_tin_unique" unique ("tin");`,
    );
    this.addSql(
      `alter table "management_organization" add constraint "management_organization_tin_check" check (tin ~ '^[0-9]{9}$');`,
    );
    this.addSql(
      `alter table "management_organization" add constraint "management_organization_register_status_check" check ("register_status" in ('applicant', 'registered', 'suspended', 'removed'));`,
    );

    this.addSql(
      `create table "person" ("id" uuid not null, "pinfl" varchar(14) not null, "full_name" varchar(255) not null, "phone" varchar(32) null, "email" varchar(255) null, "language" text not null, primary key ("id"));`,
    );
    this.addSql(`alter table "person" add constraint "person_pinfl_unique" unique ("pinfl");`);
    this.addSql(`alter table "person" add constraint "person_pinfl_check" check (pinfl ~ '^[0-9]{14}$');`);
    this.addSql(
      `alter table "person" add constraint "person_language_check" check ("language" in ('uz', 'ru', 'en'));`,
    );

    this.addSql(
      `create table "region" ("id" uuid not null, "code" varchar(16) not null, "name" varchar(255) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "region" add constraint "region_code_unique" unique ("code");`);

    this.addSql(
      `create table "district" ("id" uuid not null, "region_id" uuid not null, "code" varchar(16) not null, "name" varchar(255) not null, primary key ("id"));`,
    );
    this.addSql(`create index "district_region_id_index" on "district" ("region_id");`);
    this.addSql(`alter table "district" add constraint "district_code_unique" unique ("code");`);

    this.addSql(
      `create table "council" ("id" uuid not null, "district_id" uuid not null, "name" varchar(255) not null, "email" varchar(255) null, primary key ("id"));`,
    );
    this.addSql(`alter table "council" add constraint "council_district_id_unique" unique ("district_id");`);

    this.addSql(
      `create table "building" ("id" uuid not null, "district_id" uuid not null, "address" varchar(255) not null, "cadastral_number" varchar(64) not null, "year_built" smallint not null, "floors" smallint not null, "entrances" smallint not null, "total_area" numeric(12,2) not null, "living_area" numeric(12,2) not null, "condition_class" text null, "management_organization_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "building_district_id_index" on "building" ("district_id");`);
    this.addSql(
      `alter table "building" add constraint "building_cadastral_number_unique" unique ("cadastral_number");`,
    );
    this.addSql(
      `create index "building_management_organization_id_index" on "building" ("management_organization_id");`,
    );
    this.addSql(`alter table "building" add constraint "building_floors_check" check (floors > 0);`);
    this.addSql(`alter table "building" add constraint "building_entrances_check" check (entrances > 0);`);
    this.addSql(
      `alter table "building" add constraint "building_condition_class_check" check ("condition_class" in ('green', 'yellow', 'red'));`,
    );

    this.addSql(
      `create table "apartment" ("id" uuid not null, "building_id" uuid not null, "number" varchar(16) not null, "entrance" smallint not null, "floor" smallint not null, "area" numeric(10,2) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "apartment" add constraint "apartment_building_id_number_unique" unique ("building_id", "number");`,
    );
    this.addSql(`alter table "apartment" add constraint "apartment_area_check" check (area > 0);`);

    this.addSql(
      `create table "ownership" ("id" uuid not null, "person_id" uuid not null, "apartment_id" uuid not null, "share_numerator" int not null, "share_denominator" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "ownership_apartment_id_index" on "ownership" ("apartment_id");`);
    this.addSql(
      `alter table "ownership" add constraint "ownership_person_id_apartment_id_unique" unique ("person_id", "apartment_id");`,
    );
    this.addSql(
      `alter table "ownership" add constraint "ownership_share_check" check (share_numerator > 0 and share_numerator <= share_denominator);`,
    );

    this.addSql(
      `create table "registry_check" ("id" uuid not null, "building_id" uuid not null, "workflow_id" varchar(255) not null, "run_id" varchar(255) not null, "checked_at" timestamptz not null, "findings" jsonb not null, "ok" boolean not null, primary key ("id"));`,
    );
    this.addSql(`create index "registry_check_building_id_index" on "registry_check" ("building_id");`);
    this.addSql(
      `alter table "registry_check" add constraint "registry_check_workflow_id_run_id_unique" unique ("workflow_id", "run_id");`,
    );

    this.addSql(
      `create table "user_account" ("id" uuid not null, "person_id" uuid null, "display_name" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "user_account_person_id_index" on "user_account" ("person_id");`);

    this.addSql(
      `create table "role_grant" ("id" uuid not null, "user_id" uuid not null, "role" text not null, "organization_id" uuid null, "district_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_user_id_role_unique" unique ("user_id", "role");`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_role_check" check ("role" in ('resident', 'management_company', 'council', 'inspector', 'admin'));`,
    );

    this.addSql(
      `alter table "district" add constraint "district_region_id_foreign" foreign key ("region_id") references "region" ("id");`,
    );

    this.addSql(
      `alter table "council" add constraint "council_district_id_foreign" foreign key ("district_id") references "district" ("id");`,
    );

    this.addSql(
      `alter table "building" add constraint "building_district_id_foreign" foreign key ("district_id") references "district" ("id");`,
    );
    this.addSql(
      `alter table "building" add constraint "building_management_organization_id_foreign" foreign key ("management_organization_id") references "management_organization" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "apartment" add constraint "apartment_building_id_foreign" foreign key ("building_id") references "building" ("id");`,
    );

    this.addSql(
      `alter table "ownership" add constraint "ownership_person_id_foreign" foreign key ("person_id") references "person" ("id");`,
    );
    this.addSql(
      `alter table "ownership" add constraint "ownership_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id");`,
    );

    this.addSql(
      `alter table "registry_check" add constraint "registry_check_building_id_foreign" foreign key ("building_id") references "building" ("id");`,
    );

    this.addSql(
      `alter table "user_account" add constraint "user_account_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "role_grant" add constraint "role_grant_user_id_foreign" foreign key ("user_id") references "user_account" ("id");`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_district_id_foreign" foreign key ("district_id") references "district" ("id") on delete set null;`,
    );
  }
}
