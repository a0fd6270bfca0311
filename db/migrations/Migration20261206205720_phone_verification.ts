import { Migration } from '@mikro-orm/migrations';

export class Migration20261206205720_phone_verification extends Migration {
  override name = 'Migration20261206205720_phone_verification';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "phone_verification" ("id" uuid not null, "person_id" uuid not null, "phone" varchar(13) not null, "code_sha256" varchar(64) not null, "expires_at" timestamptz not null, "attempts" int not null default 0, "sent_at" timestamptz null, "verified_at" timestamptz null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "phone_verification" add constraint "phone_verification_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "phone_verification_person_id_created_at_index" on "phone_verification" ("person_id", "created_at");`,
    );
    this.addSql(
      `create index "phone_verification_phone_created_at_index" on "phone_verification" ("phone", "created_at");`,
    );

    this.addSql(`alter table "notification_preference" add "phone_verified_at" timestamptz null;`);

    this.addSql(
      `alter table "phone_verification" add constraint "phone_verification_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "phone_verification" cascade;`);

    this.addSql(`alter table "notification_preference" drop column "phone_verified_at";`);
  }
}
