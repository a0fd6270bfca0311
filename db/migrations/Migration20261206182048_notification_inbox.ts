import { Migration } from '@mikro-orm/migrations';

export class Migration20261206182048_notification_inbox extends Migration {
  override name = 'Migration20261206182048_notification_inbox';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_inbox_read" ("message_id" uuid not null, "read_at" timestamptz not null, primary key ("message_id"));`,
    );

    this.addSql(
      `alter table "notification_inbox_read" add constraint "notification_inbox_read_message_id_foreign" foreign key ("message_id") references "notification_message" ("id") on update no action on delete no action;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_inbox_read" cascade;`);
  }
}
