import { Migration } from '@mikro-orm/migrations';

/**
 * Perform's update of its Payme row (state, perform_time, updated_at) made HOT: no index holds the
 * state any more, and pages keep room (fillfactor, which the entities cannot declare) for the
 * row's new version beside the old one. Otherwise each Perform wrote the row anew on another page
 * with an entry in each of the table's four indexes, two of them at random keys.
 */
export class Migration20261207062948_payme_hot_updates extends Migration {
  override name = 'Migration20261207062948_payme_hot_updates';

  override up(): void | Promise<void> {
    this.addSql(`drop index "payme_transaction_account_id_state_index";`);
    this.addSql(`create index "payme_transaction_account_id_index" on "payme_transaction" ("account_id");`);
    this.addSql(`alter table "payme_transaction" set (fillfactor = 70);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "payme_transaction" reset (fillfactor);`);
    this.addSql(`drop index "payme_transaction_account_id_index";`);
    this.addSql(
      `create index "payme_transaction_account_id_state_index" on "payme_transaction" ("account_id", "state");`,
    );
  }
}
