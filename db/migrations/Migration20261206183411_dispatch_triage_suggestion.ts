import { Migration } from '@mikro-orm/migrations';

export class Migration20261206183411_dispatch_triage_suggestion extends Migration {
  override name = 'Migration20261206183411_dispatch_triage_suggestion';

  override up(): void | Promise<void> {
    this.addSql(`alter table "dispatch_triage" add "suggestion" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "dispatch_triage" drop column "suggestion";`);
  }
}
