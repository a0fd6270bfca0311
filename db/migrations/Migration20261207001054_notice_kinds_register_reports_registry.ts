import { Migration } from '@mikro-orm/migrations';

export class Migration20261207001054_notice_kinds_register_reports_registry extends Migration {
  override name = 'Migration20261207001054_notice_kinds_register_reports_registry';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notification_mailing" drop constraint "notification_mailing_kind_check";`);
    this.addSql(
      `alter table "notification_mailing" add constraint "notification_mailing_kind_check" check ("kind" in ('meeting_notice', 'debt_claim', 'suspension_notice', 'meeting_reminder', 'meeting_result', 'receipt', 'appeal_update', 'contract_update', 'commissioning_update', 'dispatch_update', 'register_notice', 'report_reminder', 'registry_notice', 'lot_update', 'test'));`,
    );

    this.addSql(`alter table "notification_message" drop constraint "notification_message_kind_check";`);
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_kind_check" check ("kind" in ('meeting_notice', 'debt_claim', 'suspension_notice', 'meeting_reminder', 'meeting_result', 'receipt', 'appeal_update', 'contract_update', 'commissioning_update', 'dispatch_update', 'register_notice', 'report_reminder', 'registry_notice', 'lot_update', 'test'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_mailing" drop constraint "notification_mailing_kind_check";`);
    this.addSql(
      `alter table "notification_mailing" add constraint "notification_mailing_kind_check" check ("kind" in ('meeting_notice', 'debt_claim', 'suspension_notice', 'meeting_reminder', 'meeting_result', 'receipt', 'appeal_update', 'contract_update', 'commissioning_update', 'dispatch_update', 'lot_update', 'test'));`,
    );

    this.addSql(`alter table "notification_message" drop constraint "notification_message_kind_check";`);
    this.addSql(
      `alter table "notification_message" add constraint "notification_message_kind_check" check ("kind" in ('meeting_notice', 'debt_claim', 'suspension_notice', 'meeting_reminder', 'meeting_result', 'receipt', 'appeal_update', 'contract_update', 'commissioning_update', 'dispatch_update', 'lot_update', 'test'));`,
    );
  }
}
