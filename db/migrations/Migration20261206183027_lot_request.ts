import { Migration } from '@mikro-orm/migrations';

export class Migration20261206183027_lot_request extends Migration {
  override name = 'Migration20261206183027_lot_request';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "lot_request" ("key" varchar(200) not null, "request_sha256" varchar(64) not null, "response" jsonb not null, "created_at" timestamptz not null, primary key ("key"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "lot_request" cascade;`);
  }
}
