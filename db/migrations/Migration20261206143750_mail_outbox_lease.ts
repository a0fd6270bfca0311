import { Migration } from '@mikro-orm/migrations';

export class Migration20261206143750_mail_outbox_lease extends Migration {
  override name = 'Migration20261206143750_mail_outbox_lease';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "mail_outbox" add "lease_until" timestamptz null, add "lease_token" uuid null, add "attempts" int not null default 0;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "mail_outbox" drop column "lease_until", drop column "lease_token", drop column "attempts";`,
    );
  }
}
