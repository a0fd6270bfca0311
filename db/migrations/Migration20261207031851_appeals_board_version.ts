import { Migration } from '@mikro-orm/migrations';

export class Migration20261207031851_appeals_board_version extends Migration {
  override name = 'Migration20261207031851_appeals_board_version';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "appeal_appeal_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select md5('appeals-board:' || (new.district_id)::text)::uuid) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select md5('appeals-board:' || (old.district_id)::text)::uuid) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif (new.district_id, new.organization_id, new.status, new.received_at, new.due_at, new.answered_at,
               new.answered_in_time) is distinct from (old.district_id, old.organization_id, old.status,
               old.received_at, old.due_at, old.answered_at, old.answered_in_time) then
               insert into read_version (id, version) select x.id, 1 from (select md5('appeals-board:' || (old.district_id)::text)::uuid union select md5('appeals-board:' || (new.district_id)::text)::uuid) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "appeal_read_version" AFTER INSERT OR UPDATE OR DELETE on "appeal" for each ROW execute function "appeal_appeal_read_version_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "appeal_read_version" on "appeal";`);
    this.addSql(`drop function if exists "appeal_appeal_read_version_fn"();`);
  }
}
