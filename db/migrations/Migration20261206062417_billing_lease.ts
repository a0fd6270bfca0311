import { Migration } from '@mikro-orm/migrations';

export class Migration20261206062417_billing_lease extends Migration {
  override name = 'Migration20261206062417_billing_lease';

  override up(): void | Promise<void> {
    // Lease income moves onto the billing ledger: each scheduled month becomes a pending transfer
    // from the building's lease revenue to its bank account (posted by that month's accrual), each
    // cancelled one a voided transfer, under the ids db/contracts/tax.ts gives them.
    this.addSql(
      `insert into ledger_account (id, kind, building_id, revenue_kind, balance, created_at) select distinct 'bank/' || building_id, 'building_bank', building_id, null::text, 0, now() from revenue_entry on conflict (id) do nothing;`,
    );
    this.addSql(
      `insert into ledger_account (id, kind, building_id, revenue_kind, balance, created_at) select distinct 'revenue/' || building_id || '/lease', 'revenue', building_id, 'lease', 0, now() from revenue_entry on conflict (id) do nothing;`,
    );
    this.addSql(
      `insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, reason, period, building_id, status, detail, created_at, voided_at) select 'lease/' || r.contract_id || '/' || r.building_id || '/' || r.period || '/v' || r.contract_version, 'other_revenue', 'bank/' || r.building_id, 'revenue/' || r.building_id || '/lease', r.amount_uzs * 100, 'lease ' || c.number || ', ' || r.period, r.period, r.building_id, case r.status when 'scheduled' then 'pending' else 'voided' end, jsonb_build_object('contractId', r.contract_id, 'contractVersion', r.contract_version), r.created_at, case r.status when 'cancelled' then r.updated_at end from revenue_entry r join contract c on c.id = r.contract_id where r.amount_uzs > 0 on conflict (id) do nothing;`,
    );
    this.addSql(`drop table if exists "revenue_entry" cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `create table "revenue_entry" ("amount_uzs" bigint not null, "building_id" uuid not null, "contract_id" uuid not null, "contract_version" int not null, "created_at" timestamptz(6) not null, "id" uuid not null, "period" varchar(7) not null, "status" text not null, "updated_at" timestamptz(6) not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "revenue_entry_building_id_period_index" on "revenue_entry" ("building_id", "period");`,
    );
    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_contract_id_building_id_period_cont_b1365_unique" unique ("contract_id", "building_id", "period", "contract_version");`,
    );

    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_building_id_foreign" foreign key ("building_id") references "building" ("id");`,
    );
    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_contract_id_foreign" foreign key ("contract_id") references "contract" ("id");`,
    );
    this.addSql(
      `alter table "revenue_entry" add constraint "revenue_entry_status_check" check ("status" in ('scheduled', 'cancelled'));`,
    );
  }
}
