import { Migration } from '@mikro-orm/migrations';

export class Migration20261206150009_notifications extends Migration {
  override name = 'Migration20261206150009_notifications';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_preference" ("person_id" uuid not null, "channel_order" jsonb not null, "language" text not null, "opt_out" boolean not null default false, "phone" varchar(13) null, "telegram_chat_id" varchar(32) null, "unreachable" jsonb not null, "idempotency_key" varchar(255) null, "updated_at" timestamptz not null, primary key ("person_id"));`,
    );
    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_telegram_chat_id_unique" unique ("telegram_chat_id");`,
    );

    this.addSql(
      `create table "notification_mailing" ("id" uuid not null, "kind" text not null, "organization_id" uuid null, "building_id" uuid null, "texts" jsonb not null, "idempotency_key" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "notification_mailing" add constraint "notification_mailing_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "notification_mailing_organization_id_created_at_index" on "notification_mailing" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "notification_message" ("id" uuid not null, "mailing_id" uuid not null, "person_id" uuid not null, "building_id" uuid null, "place" varchar(64) null, "kind" text not null, "texts" jsonb null, "route" jsonb null, "language" text null, "status" text not null default 'pending', "skipped" varchar(16) null, "next_check_at" timestamptz not null, "created_at" timestamptz not null, "settled_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_message_status_next_check_at_index" on "notification_message" ("status", "next_check_at");`,
    );
    this.addSql(
      `create index "notification_message_building_id_status_index" on "notification_message" ("building_id", "status");`,
    );
    this.addSql(
      `create index "notification_message_person_id_created_at_index" on "notification_message" ("person_id", "created_at");`,
    );
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_mailing_id_person_id_unique" unique ("mailing_id", "person_id");`,
    );

    this.addSql(
      `create table "notification_delivery" ("id" uuid not null, "message_id" uuid not null, "channel" text not null, "outbox_key" varchar(64) not null, "address" varchar(255) not null, "state" text not null default 'queued', "not_before" timestamptz not null, "lease_until" timestamptz null, "tries" int not null default 0, "provider_id" varchar(255) null, "error" text null, "queued_at" timestamptz not null, "sent_at" timestamptz null, "settled_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_outbox_key_unique" unique ("outbox_key");`,
    );
    this.addSql(
      `create index "notification_delivery_state_not_before_index" on "notification_delivery" ("state", "not_before");`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_message_id_channel_unique" unique ("message_id", "channel");`,
    );

    this.addSql(
      `create table "notification_delivery_event" ("id" uuid not null, "delivery_id" uuid not null, "state" text not null, "detail" text null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_delivery_event_delivery_id_at_index" on "notification_delivery_event" ("delivery_id", "at");`,
    );

    this.addSql(
      `create table "telegram_link_code" ("code" varchar(24) not null, "person_id" uuid not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("code"));`,
    );
    this.addSql(`create index "telegram_link_code_person_id_index" on "telegram_link_code" ("person_id");`);

    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_phone_check" check (phone ~ '^\\+998[0-9]{9}$');`,
    );
    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_language_check" check ("language" in ('uz', 'ru', 'en'));`,
    );

    this.addSql(
      `alter table "notification_mailing" add constraint "notification_mailing_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_mailing" add constraint "notification_mailing_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_mailing" add constraint "notification_mailing_kind_check" check ("kind" in ('meeting_notice', 'debt_claim', 'suspension_notice', 'meeting_result', 'receipt', 'appeal_update', 'contract_update', 'commissioning_update', 'test'));`,
    );

    this.addSql(
      `alter table "notification_message" add constraint "notification_message_mailing_id_foreign" foreign key ("mailing_id") references "notification_mailing" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_kind_check" check ("kind" in ('meeting_notice', 'debt_claim', 'suspension_notice', 'meeting_result', 'receipt', 'appeal_update', 'contract_update', 'commissioning_update', 'test'));`,
    );
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_language_check" check ("language" in ('uz', 'ru', 'en'));`,
    );
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_status_check" check ("status" in ('pending', 'done', 'printed', 'skipped', 'given_up'));`,
    );

    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_message_id_foreign" foreign key ("message_id") references "notification_message" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_channel_check" check ("channel" in ('email', 'telegram', 'sms'));`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_state_check" check ("state" in ('queued', 'sent', 'delivered', 'failed', 'bounced'));`,
    );

    this.addSql(
      `alter table "notification_delivery_event" add constraint "notification_delivery_event_delivery_id_foreign" foreign key ("delivery_id") references "notification_delivery" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification_delivery_event" add constraint "notification_delivery_event_state_check" check ("state" in ('queued', 'sent', 'delivered', 'failed', 'bounced'));`,
    );
    this.addSql(`create or replace function "notification_delivery_event_notification_delivery_event_immutable_fn"() returns trigger as $$ begin raise exception 'delivery history is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "notification_delivery_event_immutable" BEFORE UPDATE OR DELETE on "notification_delivery_event" for each ROW execute function "notification_delivery_event_notification_delivery_event_immutable_fn"();`,
    );

    this.addSql(
      `alter table "telegram_link_code" add constraint "telegram_link_code_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "notification_message" drop constraint "notification_message_mailing_id_foreign";`,
    );
    this.addSql(
      `alter table "notification_delivery" drop constraint "notification_delivery_message_id_foreign";`,
    );
    this.addSql(
      `alter table "notification_delivery_event" drop constraint "notification_delivery_event_delivery_id_foreign";`,
    );

    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "notification_mailing" cascade;`);
    this.addSql(`drop table if exists "notification_message" cascade;`);
    this.addSql(`drop table if exists "notification_delivery" cascade;`);
    this.addSql(
      `drop trigger if exists "notification_delivery_event_immutable" on "notification_delivery_event";`,
    );
    this.addSql(
      `drop function if exists "notification_delivery_event_notification_delivery_event_immutable_fn"();`,
    );
    this.addSql(`drop table if exists "notification_delivery_event" cascade;`);
    this.addSql(`drop table if exists "telegram_link_code" cascade;`);
  }
}
