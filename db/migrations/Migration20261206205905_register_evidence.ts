import { Migration } from '@mikro-orm/migrations';

export class Migration20261206205905_register_evidence extends Migration {
  override name = 'Migration20261206205905_register_evidence';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "register_evidence" ("id" uuid not null, "application_id" uuid not null, "requirement" text not null, "uploaded_by_user_id" uuid not null, "filename" varchar(600) not null, "media_type" varchar(64) not null, "size" int not null, "storage_key" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "register_evidence_application_id_created_at_index" on "register_evidence" ("application_id", "created_at");`,
    );

    this.addSql(
      `alter table "register_evidence" add constraint "register_evidence_application_id_foreign" foreign key ("application_id") references "register_application" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "register_evidence" add constraint "register_evidence_requirement_check" check ("requirement" in ('identity', 'own_funds', 'technical_base', 'dispatch_service'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "register_evidence" cascade;`);
  }
}
