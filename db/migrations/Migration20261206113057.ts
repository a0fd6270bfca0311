import { Migration } from '@mikro-orm/migrations';

export class Migration20261206113057 extends Migration {
  override name = 'Migration20261206113057';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "report_act" ("id" uuid not null, "report_id" uuid not null, "version" int not null, "organization_id" uuid not null, "sha256" varchar(64) not null, "html" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "report_act" add constraint "report_act_report_id_version_unique" unique ("report_id", "version");`,
    );

    this.addSql(
      `create table "report_act_signature" ("id" uuid not null, "act_id" uuid not null, "party" text not null, "signer_user_id" uuid not null, "signer_name" varchar(255) not null, "capacity" varchar(32) not null, "envelope" jsonb not null, "verification" jsonb not null, "request_id" varchar(128) not null, "signed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "report_act_signature" add constraint "report_act_signature_act_id_party_unique" unique ("act_id", "party");`,
    );
    this.addSql(
      `alter table "report_act_signature" add constraint "report_act_signature_act_id_request_id_unique" unique ("act_id", "request_id");`,
    );

    this.addSql(
      `create table "report_photo" ("id" uuid not null, "building_id" uuid not null, "organization_id" uuid not null, "uploaded_by_user_id" uuid not null, "filename" varchar(255) not null, "media_type" text not null, "size" int not null, "storage_key" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "report_photo_building_id_organization_id_index" on "report_photo" ("building_id", "organization_id");`,
    );

    this.addSql(`alter table "report_work" add "photos" jsonb not null default '[]';`);

    this.addSql(
      `alter table "report_act" add constraint "report_act_report_id_foreign" foreign key ("report_id") references "report" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report_act" add constraint "report_act_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "report_act_report_act_immutable_fn"() returns trigger as $$ begin raise exception 'acts of completed works is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "report_act_immutable" BEFORE UPDATE OR DELETE on "report_act" for each ROW execute function "report_act_report_act_immutable_fn"();`,
    );

    this.addSql(
      `alter table "report_act_signature" add constraint "report_act_signature_act_id_foreign" foreign key ("act_id") references "report_act" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report_act_signature" add constraint "report_act_signature_party_check" check ("party" in ('organization', 'owners'));`,
    );
    this.addSql(`create or replace function "report_act_signature_report_act_signature_immutable_fn"() returns trigger as $$ begin raise exception 'signatures of acts of completed works is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "report_act_signature_immutable" BEFORE UPDATE OR DELETE on "report_act_signature" for each ROW execute function "report_act_signature_report_act_signature_immutable_fn"();`,
    );

    this.addSql(
      `alter table "report_photo" add constraint "report_photo_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report_photo" add constraint "report_photo_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "report_photo" add constraint "report_photo_media_type_check" check ("media_type" in ('image/jpeg', 'image/png'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "report_act_signature" drop constraint "report_act_signature_act_id_foreign";`);

    this.addSql(`drop trigger if exists "report_act_immutable" on "report_act";`);
    this.addSql(`drop function if exists "report_act_report_act_immutable_fn"();`);
    this.addSql(`drop table if exists "report_act" cascade;`);
    this.addSql(`drop trigger if exists "report_act_signature_immutable" on "report_act_signature";`);
    this.addSql(`drop function if exists "report_act_signature_report_act_signature_immutable_fn"();`);
    this.addSql(`drop table if exists "report_act_signature" cascade;`);
    this.addSql(`drop table if exists "report_photo" cascade;`);

    this.addSql(`alter table "report_work" drop column "photos";`);
  }
}
