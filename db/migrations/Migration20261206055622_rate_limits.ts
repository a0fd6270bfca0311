import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055622_rate_limits extends Migration {
  override name = 'Migration20261206055622_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(
      `create unlogged table "rate_limit_counter" ("key" varchar(200) not null, "hits" int not null, "window_ends_at" timestamptz not null, primary key ("key"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit_counter" cascade;`);
  }
}
