import { Migration } from '@mikro-orm/migrations';

export class Migration20261206185539_dispatch_resolution_key extends Migration {
  override name = 'Migration20261206185539_dispatch_resolution_key';

  override up(): void | Promise<void> {
    this.addSql(`alter table "dispatch_mass_incident" add "resolution_key" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "dispatch_mass_incident" drop column "resolution_key";`);
  }
}
