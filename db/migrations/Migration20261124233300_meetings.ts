import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233300_meetings extends Migration {
  override name = 'Migration20261124233300_meetings';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "entity" varchar(64) not null, "entity_id" uuid not null, "action" varchar(64) not null, "data" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_event_entity_entity_id_at_index" on "audit_event" ("entity", "entity_id", "at");`,
    );

    this.addSql(
      `create table "meeting" ("id" uuid not null, "series_id" uuid not null, "attempt" int not null default 1, "title" text not null, "kind" text not null, "form" text not null, "phase" text not null default 'notice', "initiator_kind" text not null, "initiator_user_id" uuid not null, "initiator_name" text not null, "initiator_organization_id" uuid null, "initiator_district_id" uuid null, "chair_user_id" uuid not null, "secretary_user_id" uuid not null, "notice_at" timestamptz not null, "voting_opens_at" timestamptz not null, "voting_closes_at" timestamptz not null, "policy" jsonb not null, "weight_scale" int null, "total_weight" bigint null, "eligible_owners" int null, "cancelled_reason" text null, "decision" jsonb null, "decided_at" timestamptz null, "ballot_set_sha256" varchar(64) null, "appeal_window_ends_at" timestamptz null, "idempotency_key" varchar(255) null, "request_sha256" varchar(64) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_series_id_attempt_unique" unique ("series_id", "attempt");`,
    );

    this.addSql(
      `create table "agenda_item" ("id" uuid not null, "meeting_id" uuid not null, "position" int not null, "title" text not null, "description" text not null, "kind" text not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_meeting_id_position_unique" unique ("meeting_id", "position");`,
    );

    this.addSql(
      `create table "meeting_comment" ("id" uuid not null, "meeting_id" uuid not null, "agenda_item_id" uuid null, "author_user_id" uuid not null, "author_name" text not null, "body" text not null, "answers_comment_id" uuid null, "hidden_at" timestamptz null, "hidden_reason" text null, "hidden_by_user_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "meeting_comment_meeting_id_created_at_index" on "meeting_comment" ("meeting_id", "created_at");`,
    );

    this.addSql(
      `create table "meeting_protocol" ("meeting_id" uuid not null, "pdf" bytea not null, "sha256" varchar(64) not null, "generated_at" timestamptz not null, "chair_signed_at" timestamptz null, "secretary_signed_at" timestamptz null, primary key ("meeting_id"));`,
    );
    this.addSql(
      `alter table "meeting_protocol" add constraint "meeting_protocol_sha256_unique" unique ("sha256");`,
    );

    this.addSql(
      `create table "notification" ("id" uuid not null, "person_id" uuid not null, "meeting_id" uuid null, "kind" varchar(64) not null, "title" text not null, "body" text not null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_person_id_created_at_index" on "notification" ("person_id", "created_at");`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_person_id_meeting_id_kind_unique" unique ("person_id", "meeting_id", "kind");`,
    );

    this.addSql(
      `create table "notice_delivery" ("meeting_id" uuid not null, "person_id" uuid not null, "kind" varchar(64) not null, "channel" text not null, "status" text not null, "message_id" text null, "at" timestamptz not null, primary key ("meeting_id", "person_id", "kind", "channel"));`,
    );

    this.addSql(
      `create table "meeting_building" ("meeting_id" uuid not null, "building_id" uuid not null, primary key ("meeting_id", "building_id"));`,
    );
    this.addSql(`create index "meeting_building_building_id_index" on "meeting_building" ("building_id");`);

    this.addSql(
      `create table "power_of_attorney" ("id" uuid not null, "meeting_id" uuid not null, "grantor_person_id" uuid not null, "proxy_person_id" uuid not null, "apartment_id" uuid null, "document_ref" text not null, "recorded_by_user_id" uuid not null, "recorded_at" timestamptz not null, "revoked_at" timestamptz null, "idempotency_key" varchar(255) null, primary key ("id"));`,
    );
    this.addSql(
      `create index "power_of_attorney_meeting_id_proxy_person_id_index" on "power_of_attorney" ("meeting_id", "proxy_person_id");`,
    );
    this.addSql(
      `alter table "power_of_attorney" add constraint "power_of_attorney_idempotency_unique" unique ("meeting_id", "recorded_by_user_id", "idempotency_key");`,
    );

    this.addSql(
      `create table "meeting_voter" ("meeting_id" uuid not null, "apartment_id" uuid not null, "person_id" uuid not null, "weight" bigint not null, "share_numerator" int not null, "share_denominator" int not null, primary key ("meeting_id", "apartment_id", "person_id"));`,
    );
    this.addSql(
      `create index "meeting_voter_meeting_id_person_id_index" on "meeting_voter" ("meeting_id", "person_id");`,
    );

    this.addSql(
      `create table "ballot" ("id" uuid not null, "meeting_id" uuid not null, "apartment_id" uuid not null, "owner_person_id" uuid not null, "cast_by_person_id" uuid not null, "power_of_attorney_id" uuid null, "choices" jsonb not null, "weight" bigint not null, "tracker" varchar(64) not null, "revision" int not null default 1, "cast_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "ballot_meeting_id_owner_person_id_index" on "ballot" ("meeting_id", "owner_person_id");`,
    );
    this.addSql(
      `create index "ballot_meeting_id_cast_by_person_id_index" on "ballot" ("meeting_id", "cast_by_person_id");`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_meeting_id_apartment_id_owner_person_id_unique" unique ("meeting_id", "apartment_id", "owner_person_id");`,
    );

    this.addSql(
      `create table "ballot_request" ("key" varchar(512) not null, "request_sha256" varchar(64) not null, "ballot_id" uuid not null, "revision" int not null, "tracker" varchar(64) not null, "cast_at" timestamptz not null, primary key ("key"));`,
    );

    this.addSql(`alter table "meeting" add constraint "meeting_attempt_check" check (attempt >= 1);`);
    this.addSql(
      `alter table "meeting" add constraint "meeting_voting_window_check" check (voting_closes_at > voting_opens_at);`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_kind_check" check ("kind" in ('annual', 'extraordinary'));`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_form_check" check ("form" in ('electronic', 'absentee', 'in_person', 'mixed'));`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_phase_check" check ("phase" in ('notice', 'discussion', 'voting', 'counting', 'decided', 'appeal_window', 'completed', 'cancelled', 'failed'));`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_initiator_kind_check" check ("initiator_kind" in ('owners', 'management_organization', 'council'));`,
    );
    this.addSql(`create or replace function "meeting_meeting_decision_immutable_fn"() returns trigger as $$ begin if new.decision is distinct from old.decision
                or new.decided_at is distinct from old.decided_at
                or new.ballot_set_sha256 is distinct from old.ballot_set_sha256
                or new.appeal_window_ends_at is distinct from old.appeal_window_ends_at then
               raise exception 'the decision of meeting % is recorded and cannot change', old.id
                 using errcode = 'check_violation';              end if;              return new; end; $$ language plpgsql;`);
    this.addSql(`create trigger "meeting_decision_immutable" BEFORE UPDATE on "meeting" for each ROW
  when (old.decision is not null) execute function "meeting_meeting_decision_immutable_fn"();`);

    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_kind_check" check ("kind" in ('ordinary', 'management_method', 'management_organization', 'capital_repair', 'reconstruction', 'common_property_use', 'land_plot_limits'));`,
    );

    this.addSql(
      `alter table "meeting_comment" add constraint "meeting_comment_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_comment" add constraint "meeting_comment_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_comment" add constraint "meeting_comment_answers_comment_id_foreign" foreign key ("answers_comment_id") references "meeting_comment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_comment" add constraint "meeting_comment_body_check" check (char_length(body) between 1 and 4000);`,
    );

    this.addSql(
      `alter table "meeting_protocol" add constraint "meeting_protocol_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "notice_delivery" add constraint "notice_delivery_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notice_delivery" add constraint "notice_delivery_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "notice_delivery" add constraint "notice_delivery_channel_check" check ("channel" in ('email', 'in_app'));`,
    );
    this.addSql(
      `alter table "notice_delivery" add constraint "notice_delivery_status_check" check ("status" in ('sent', 'skipped', 'failed'));`,
    );

    this.addSql(
      `alter table "meeting_building" add constraint "meeting_building_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_building" add constraint "meeting_building_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );

    this.addSql(
      `alter table "power_of_attorney" add constraint "power_of_attorney_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "power_of_attorney" add constraint "power_of_attorney_grantor_person_id_foreign" foreign key ("grantor_person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "power_of_attorney" add constraint "power_of_attorney_proxy_person_id_foreign" foreign key ("proxy_person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "power_of_attorney" add constraint "power_of_attorney_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "power_of_attorney" add constraint "power_of_attorney_parties_check" check (grantor_person_id <> proxy_person_id);`,
    );

    this.addSql(
      `alter table "meeting_voter" add constraint "meeting_voter_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_voter" add constraint "meeting_voter_apartment_id_foreign" foreign key ("apartment_id") references "apartment" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_voter" add constraint "meeting_voter_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "meeting_voter" add constraint "meeting_voter_weight_check" check (weight > 0);`,
    );

    this.addSql(
      `alter table "ballot" add constraint "ballot_voter_foreign" foreign key ("meeting_id", "apartment_id", "owner_person_id") references "meeting_voter" ("meeting_id", "apartment_id", "person_id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_cast_by_person_id_foreign" foreign key ("cast_by_person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_power_of_attorney_id_foreign" foreign key ("power_of_attorney_id") references "power_of_attorney" ("id") on update no action on delete no action;`,
    );
    this.addSql(`alter table "ballot" add constraint "ballot_revision_check" check (revision >= 1);`);
    this.addSql(`alter table "ballot" add constraint "ballot_weight_check" check (weight > 0);`);
    this.addSql(
      `alter table "ballot" add constraint "ballot_choices_check" check (jsonb_typeof(choices) = 'object');`,
    );

    this.addSql(
      `alter table "ballot_request" add constraint "ballot_request_ballot_id_foreign" foreign key ("ballot_id") references "ballot" ("id") on update no action on delete no action;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_meeting_id_foreign";`);
    this.addSql(`alter table "meeting_comment" drop constraint "meeting_comment_meeting_id_foreign";`);
    this.addSql(`alter table "meeting_protocol" drop constraint "meeting_protocol_meeting_id_foreign";`);
    this.addSql(`alter table "notification" drop constraint "notification_meeting_id_foreign";`);
    this.addSql(`alter table "notice_delivery" drop constraint "notice_delivery_meeting_id_foreign";`);
    this.addSql(`alter table "meeting_building" drop constraint "meeting_building_meeting_id_foreign";`);
    this.addSql(`alter table "power_of_attorney" drop constraint "power_of_attorney_meeting_id_foreign";`);
    this.addSql(`alter table "meeting_voter" drop constraint "meeting_voter_meeting_id_foreign";`);
    this.addSql(`alter table "meeting_comment" drop constraint "meeting_comment_agenda_item_id_foreign";`);
    this.addSql(
      `alter table "meeting_comment" drop constraint "meeting_comment_answers_comment_id_foreign";`,
    );
    this.addSql(`alter table "ballot" drop constraint "ballot_power_of_attorney_id_foreign";`);
    this.addSql(`alter table "ballot" drop constraint "ballot_voter_foreign";`);
    this.addSql(`alter table "ballot_request" drop constraint "ballot_request_ballot_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop trigger if exists "meeting_decision_immutable" on "meeting";`);
    this.addSql(`drop function if exists "meeting_meeting_decision_immutable_fn"();`);
    this.addSql(`drop table if exists "meeting" cascade;`);
    this.addSql(`drop table if exists "agenda_item" cascade;`);
    this.addSql(`drop table if exists "meeting_comment" cascade;`);
    this.addSql(`drop table if exists "meeting_protocol" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "notice_delivery" cascade;`);
    this.addSql(`drop table if exists "meeting_building" cascade;`);
    this.addSql(`drop table if exists "power_of_attorney" cascade;`);
    this.addSql(`drop table if exists "meeting_voter" cascade;`);
    this.addSql(`drop table if exists "ballot" cascade;`);
    this.addSql(`drop table if exists "ballot_request" cascade;`);
  }
}
