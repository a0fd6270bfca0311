import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055125_registry_address_sort_key extends Migration {
  override name = 'Migration20261206055125_registry_address_sort_key';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "building" add "address_sort_key" text generated always as (regexp_replace(regexp_replace(address, '([0-9]+)', '00000000\\1', 'g'), '0*([0-9]{8})', '\\1', 'g')) stored not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "building" drop column "address_sort_key";`);
  }
}
