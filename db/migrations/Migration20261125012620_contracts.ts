import { Migration } from '@mikro-orm/migrations';

export class Migration20261125012620_contracts extends Migration {
  override name = 'Migration20261125012620_contracts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "contract" ("id" uuid not null, "number" varchar(32) not null, "kind" text not null, "state" text not null, "organization_id" uuid not null, "meeting_id" uuid null, "agenda_item_id" uuid null, "owners_user_id" uuid not null, "owners_name" varchar(255) not null, "owners_pinfl" varchar(14) null, "owners_authority" text not null, "counterparty_organization_id" uuid null, "counterparty_user_id" uuid null, "counterparty_name" varchar(255) not null, "counterparty_tin" varchar(9) null, "counterparty_pinfl" varchar(14) null, "parameters" jsonb not null, "pending_parameters" jsonb null, "version" int not null, "document_sha256" varchar(64) null, "pending" jsonb null, "concluded_at" timestamptz null, "terminated_at" timestamptz null, "tax_status" text null, "tax_deadline_last_day" varchar(10) null, "tax_deadline_ends_at" timestamptz null, "tax_registration_number" varchar(64) null, "tax_registered_at" timestamptz null, "tax_last_error" text null, "flagged_reason" varchar(64) null, "flagged_at" timestamptz null, "created_by_user_id" uuid not null, "idempotency_key" varchar(255) not null, "request_sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "contract" add constraint "contract_number_unique" unique ("number");`);
    this.addSql(`create index "contract_organization_id_index" on "contract" ("organization_id");`);
    this.addSql(`create index "contract_owners_user_id_index" on "contract" ("owners_user_id");`);
    this.addSql(`create index "contract_counterparty_user_id_index" on "contract" ("counterparty_user_id");`);
    this.addSql(
      `alter table "contract" add constraint "contract_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "contract_tax_status_tax_deadline_ends_at_index" on "contract" ("tax_status", "tax_deadline_ends_at");`,
    );

    this.addSql(
      `create table "contract_signature" ("id" uuid not null, "contract_id" uuid not null, "document_sha256" varchar(64) not null, "party" text not null, "signer_user_id" uuid not null, "signer_name" varchar(255) not null, "scheme" varchar(32) not null, "envelope" jsonb not null, "status" text not null, "verification" jsonb not null, "signed_at" timestamptz not null, "idempotency_key" varchar(255) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "contract_signature" add constraint "contract_signature_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "contract_signature_contract_id_document_sha256_index" on "contract_signature" ("contract_id", "document_sha256");`,
    );

    this.addSql(
      `create table "contract_event" ("id" uuid not null, "seq" bigserial, "contract_id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "actor_name" varchar(255) null, "action" varchar(48) not null, "from_state" varchar(48) null, "to_state" varchar(48) not null, "detail" text null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "contract_event_contract_id_seq_index" on "contract_event" ("contract_id", "seq");`,
    );

    this.addSql(
      `create table "contract_document" ("id" uuid not null, "contract_id" uuid not null, "sha256" varchar(64) not null, "change" text not null, "html" text not null, "input" jsonb not null, "lang" varchar(2) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "contract_document" add constraint "contract_document_contract_id_sha256_unique" unique ("contract_id", "sha256");`,
    );

    this.addSql(
      `create table "contract_building" ("contract_id" uuid not null, "building_id" uuid not null, primary key ("contract_id", "building_id"));`,
    );
    this.addSql(`create index "contract_building_building_id_index" on "contract_building" ("building_id");`);

    this.addSql(
      `create table "revenue_entry" ("id" uuid not null, "contract_id" uuid not null, "building_id" uuid not null, "period" varchar(7) not null, "amount_uzs" bigint not null, "contract_version" int not null, "status" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "revenue_entry_building_id_period_index" on "revenue_entry" ("building_id", "period");`,
    );
    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_contract_id_building_id_period_cont_b1365_unique" unique ("contract_id", "building_id", "period", "contract_version");`,
    );

    this.addSql(
      `create table "signing_key" ("id" uuid not null, "user_id" uuid not null, "thumbprint" varchar(64) not null, "public_key_jwk" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "signing_key" add constraint "signing_key_user_id_thumbprint_unique" unique ("user_id", "thumbprint");`,
    );

    this.addSql(`alter table "agenda_item" add "organization_id" uuid null;`);
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "contract" add constraint "contract_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract" add constraint "contract_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract" add constraint "contract_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract" add constraint "contract_counterparty_organization_id_foreign" foreign key ("counterparty_organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract" add constraint "contract_kind_check" check ("kind" in ('management', 'common_property_lease', 'common_property_gratuitous_use'));`,
    );
    this.addSql(
      `alter table "contract" add constraint "contract_state_check" check ("state" in ('draft', 'awaiting_signatures', 'active', 'amendment_awaiting_signatures', 'termination_awaiting_signatures', 'terminated'));`,
    );
    this.addSql(
      `alter table "contract" add constraint "contract_tax_status_check" check ("tax_status" in ('pending', 'registered', 'overdue'));`,
    );

    this.addSql(
      `alter table "contract_signature" add constraint "contract_signature_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract_signature" add constraint "contract_signature_party_check" check ("party" in ('owners', 'counterparty'));`,
    );
    this.addSql(
      `alter table "contract_signature" add constraint "contract_signature_status_check" check ("status" in ('verified', 'unverified'));`,
    );

    this.addSql(
      `alter table "contract_event" add constraint "contract_event_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update no action on delete no action;`,
    );
    this.addSql(`create or replace function "contract_event_contract_event_immutable_fn"() returns trigger as $$ begin raise exception 'contract history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "contract_event_immutable" BEFORE UPDATE OR DELETE on "contract_event" for each ROW execute function "contract_event_contract_event_immutable_fn"();`,
    );

    this.addSql(
      `alter table "contract_document" add constraint "contract_document_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract_document" add constraint "contract_document_change_check" check ("change" in ('conclusion', 'amendment', 'termination'));`,
    );

    this.addSql(
      `alter table "contract_building" add constraint "contract_building_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "contract_building" add constraint "contract_building_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_status_check" check ("status" in ('scheduled', 'cancelled'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contract_signature" drop constraint "contract_signature_contract_id_foreign";`);
    this.addSql(`alter table "contract_event" drop constraint "contract_event_contract_id_foreign";`);
    this.addSql(`alter table "contract_document" drop constraint "contract_document_contract_id_foreign";`);
    this.addSql(`alter table "contract_building" drop constraint "contract_building_contract_id_foreign";`);
    this.addSql(`alter table "revenue_entry" drop constraint "revenue_entry_contract_id_foreign";`);

    this.addSql(`drop table if exists "contract" cascade;`);
    this.addSql(`drop table if exists "contract_signature" cascade;`);
    this.addSql(`drop trigger if exists "contract_event_immutable" on "contract_event";`);
    this.addSql(`drop function if exists "contract_event_contract_event_immutable_fn"();`);
    this.addSql(`drop table if exists "contract_event" cascade;`);
    this.addSql(`drop table if exists "contract_document" cascade;`);
    this.addSql(`drop table if exists "contract_building" cascade;`);
    this.addSql(`drop table if exists "revenue_entry" cascade;`);
    this.addSql(`drop table if exists "signing_key" cascade;`);

    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_organization_id_foreign";`);

    this.addSql(`alter table "agenda_item" drop column "organization_id";`);
  }
}
