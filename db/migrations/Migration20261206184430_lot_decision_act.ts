import { Migration } from '@mikro-orm/migrations';

export class Migration20261206184430_lot_decision_act extends Migration {
  override name = 'Migration20261206184430_lot_decision_act';

  override up(): void | Promise<void> {
    this.addSql(`alter table "lot_version" add "decision_act_html" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "lot_version" drop column "decision_act_html";`);
  }
}
