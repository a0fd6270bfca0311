import { Migration } from '@mikro-orm/migrations';

export class Migration20261206163709_notification_request_sha extends Migration {
  override name = 'Migration20261206163709_notification_request_sha';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notification_preference" add "request_sha256" varchar(64) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_preference" drop column "request_sha256";`);
  }
}
