import { Migration } from '@mikro-orm/migrations';

export class Migration20261207033621_meter_reading_batch extends Migration {
  override name = 'Migration20261207033621_meter_reading_batch';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "meter_reading_batch" ("idempotency_key" text not null, "building_id" uuid not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, primary key ("idempotency_key"));`,
    );

    this.addSql(
      `alter table "meter_reading_batch" add constraint "meter_reading_batch_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "meter_reading_batch" cascade;`);
  }
}
