import { Migration } from '@mikro-orm/migrations';

export class Migration20261206211950_registry_building_order_indexes extends Migration {
  override name = 'Migration20261206211950_registry_building_order_indexes';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "building_district_id_address_sort_key_index" on "building" ("district_id", "address_sort_key" collate "C", "id");`,
    );
    this.addSql(
      `create index "building_management_organization_id_address_sort_key_index" on "building" ("management_organization_id", "address_sort_key" collate "C", "id");`,
    );
    this.addSql(
      `create index "building_address_sort_key_index" on "building" ("address_sort_key" collate "C", "id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "building_district_id_address_sort_key_index";`);
    this.addSql(`drop index "building_management_organization_id_address_sort_key_index";`);
    this.addSql(`drop index "building_address_sort_key_index";`);
  }
}
