import { Migration } from '@mikro-orm/migrations';

export class Migration20261206205508 extends Migration {
  override name = 'Migration20261206205508';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "lot_act_signature" ("id" uuid not null, "lot_id" uuid not null, "version" int not null, "document" varchar(80) not null, "signer_user_id" uuid not null, "signer_name" varchar(255) not null, "envelope" jsonb not null, "verification" jsonb not null, "request_id" varchar(200) not null, "signed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "lot_act_signature" add constraint "lot_act_signature_request_id_unique" unique ("request_id");`,
    );
    this.addSql(
      `alter table "lot_act_signature" add constraint "lot_act_signature_lot_id_version_unique" unique ("lot_id", "version");`,
    );

    this.addSql(
      `alter table "lot_act_signature" add constraint "lot_act_signature_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update no action on delete no action;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "lot_act_signature" cascade;`);
  }
}
