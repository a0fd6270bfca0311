import { Migration } from '@mikro-orm/migrations';

export class Migration20261206083312_billing_violations extends Migration {
  override name = 'Migration20261206083312_billing_violations';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "billing_violation" ("id" uuid not null, "building_id" uuid null, "organization_id" uuid null, "kind" text not null, "source" text not null, "amount" bigint not null, "occurred_on" varchar(10) not null, "reference" varchar(200) not null, "status" text not null, "opened_at" timestamptz not null, "opened_by" varchar(100) not null, "resolved_at" timestamptz null, "resolved_by_user_id" uuid null, "note" text null, "resolution_key" varchar(200) null, "resolution_hash" varchar(64) null, primary key ("id"));`,
    );
    this.addSql(
      `create index "billing_violation_building_id_status_occurred_on_index" on "billing_violation" ("building_id", "status", "occurred_on");`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_case_unique" unique ("kind", "source", "reference");`,
    );

    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_building_id_foreign" foreign key ("building_id") references "building" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_organization_id_foreign" foreign key ("organization_id") references "management_organization" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_amount_check" check (amount > 0);`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_resolution_check" check ((status = 'resolved') = (resolved_at is not null and resolved_by_user_id is not null and length(btrim(note)) > 0));`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_kind_check" check ("kind" in ('income_without_transfer', 'transfer_without_income'));`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_source_check" check ("source" in ('payme', 'click', 'bank'));`,
    );
    this.addSql(
      `alter table "billing_violation" add constraint "billing_violation_status_check" check ("status" in ('open', 'resolved'));`,
    );
    this.addSql(`create or replace function "billing_violation_billing_violation_resolve_once_fn"() returns trigger as $$ begin if tg_op = 'UPDATE' and old.status = 'open' and new.status = 'resolved'
               and (new.id, new.building_id, new.organization_id, new.kind, new.source, new.amount,
                    new.occurred_on, new.reference, new.opened_at, new.opened_by)
                   is not distinct from
                   (old.id, old.building_id, old.organization_id, old.kind, old.source, old.amount,
                    old.occurred_on, old.reference, old.opened_at, old.opened_by)
             then return new; end if;              raise exception 'violation case % is %: a case is resolved once and never changed or deleted', old.id, old.status
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "billing_violation_resolve_once" BEFORE UPDATE OR DELETE on "billing_violation" for each ROW execute function "billing_violation_billing_violation_resolve_once_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "billing_violation_resolve_once" on "billing_violation";`);
    this.addSql(`drop function if exists "billing_violation_billing_violation_resolve_once_fn"();`);
    this.addSql(`drop table if exists "billing_violation" cascade;`);
  }
}
