import { Migration } from '@mikro-orm/migrations';

export class Migration20261206081612_bank_statements extends Migration {
  override name = 'Migration20261206081612_bank_statements';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "bank_statement_import" ("id" uuid not null, "building_id" uuid not null, "sha256" varchar(64) not null, "filename" varchar(300) not null, "lines" int not null, "incoming" bigint not null, "outgoing" bigint not null, "created_by_user_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "bank_statement_import" add constraint "bank_statement_import_building_sha256_unique" unique ("building_id", "sha256");`,
    );

    this.addSql(
      `create table "bank_statement_line" ("id" uuid not null, "building_id" uuid not null, "import_id" uuid not null, "line_number" int not null, "value_date" varchar(10) not null, "direction" text not null, "amount" bigint not null, "counterparty" varchar(300) not null, "counterparty_account" varchar(40) null, "purpose" text not null, "reference" varchar(100) not null, "kind" text not null, "provider" text null, "status" text not null, "apartment_id" uuid null, "account_id" varchar(200) null, "receipt_transfer_id" varchar(200) null, "payment_id" varchar(200) null, "assigned_by_user_id" uuid null, "assigned_at" timestamptz null, "assignment_key" varchar(200) null, "assignment_hash" varchar(64) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "bank_statement_line_building_id_status_index" on "bank_statement_line" ("building_id", "status");`,
    );
    this.addSql(
      `create index "bank_statement_line_building_id_value_date_index" on "bank_statement_line" ("building_id", "value_date");`,
    );
    this.addSql(`create index "bank_statement_line_reference_index" on "bank_statement_line" ("reference");`);
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_import_row_unique" unique ("import_id", "line_number");`,
    );

    this.addSql(
      `alter table "bank_statement_import" add constraint "bank_statement_import_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "bank_statement_import" add constraint "bank_statement_import_sha256_check" check (sha256 ~ '^[0-9a-f]{64}$');`,
    );

    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_import_id_foreign" foreign key ("import_id") references "bank_statement_import" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_account_id_foreign" foreign key ("account_id") references "ledger_account" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_amount_check" check (amount > 0);`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_value_date_check" check (value_date ~ '^\\d{4}-\\d{2}-\\d{2}$');`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_outgoing_check" check ((direction = 'outgoing') = (kind = 'other' and status = 'ignored'));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_receipt_check" check ((direction = 'incoming') = (receipt_transfer_id is not null));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_owner_payment_check" check ((kind = 'owner_payment') = (status in ('matched', 'unmatched', 'assigned')));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_settlement_check" check ((kind = 'provider_settlement') = (provider is not null and status = 'settlement'));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_apartment_check" check ((status in ('matched', 'assigned')) = (apartment_id is not null and account_id is not null and payment_id is not null));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_assigned_check" check ((status = 'assigned') = (assigned_at is not null) and (assigned_by_user_id is null or status = 'assigned'));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_direction_check" check ("direction" in ('incoming', 'outgoing'));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_kind_check" check ("kind" in ('owner_payment', 'provider_settlement', 'other'));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_provider_check" check ("provider" in ('payme', 'click'));`,
    );
    this.addSql(
      `alter table "bank_statement_line" add constraint "bank_statement_line_status_check" check ("status" in ('matched', 'unmatched', 'assigned', 'settlement', 'ignored'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "bank_statement_line" drop constraint "bank_statement_line_import_id_foreign";`);

    this.addSql(`drop table if exists "bank_statement_import" cascade;`);
    this.addSql(`drop table if exists "bank_statement_line" cascade;`);
  }
}
