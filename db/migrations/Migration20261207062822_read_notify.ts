import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062822_read_notify extends Migration {
  override name = 'Migration20261207062822_read_notify';

  override up(): void | Promise<void> {
    this.addSql(
      `drop trigger if exists "management_organization_read_version" on "management_organization";`,
    );
    this.addSql(
      `drop function if exists "management_organization_management_organization_read_version_fn"();`,
    );
    this.addSql(`create or replace function "management_organization_management_organization_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.management_organization_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select b.id from building b where b.management_organization_id = new.id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.management_organization_id = old.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select b.id from building b where b.management_organization_id = old.id) as x(id) where x.id is not null;              elsif (new.tin, new.name, new.register_status) is distinct from (old.tin, old.name, old.register_status) then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.management_organization_id = old.id union select b.id from building b where b.management_organization_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select b.id from building b where b.management_organization_id = old.id union select b.id from building b where b.management_organization_id = new.id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "management_organization_read_version" AFTER INSERT OR UPDATE OR DELETE on "management_organization" for each ROW execute function "management_organization_management_organization_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "meeting_read_version" on "meeting";`);
    this.addSql(`drop function if exists "meeting_meeting_read_version_fn"();`);
    this.addSql(`create or replace function "meeting_meeting_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.id union select f.id from meeting f
          where new.attempt = 1 and f.series_id = new.series_id and f.attempt > 1) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select new.id union select f.id from meeting f
          where new.attempt = 1 and f.series_id = new.series_id and f.attempt > 1) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.id union select f.id from meeting f
          where old.attempt = 1 and f.series_id = old.series_id and f.attempt > 1) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.id union select f.id from meeting f
          where old.attempt = 1 and f.series_id = old.series_id and f.attempt > 1) as x(id) where x.id is not null;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.id union select f.id from meeting f
          where old.attempt = 1 and f.series_id = old.series_id and f.attempt > 1 union select new.id union select f.id from meeting f
          where new.attempt = 1 and f.series_id = new.series_id and f.attempt > 1) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.id union select f.id from meeting f
          where old.attempt = 1 and f.series_id = old.series_id and f.attempt > 1 union select new.id union select f.id from meeting f
          where new.attempt = 1 and f.series_id = new.series_id and f.attempt > 1) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "meeting_read_version" AFTER INSERT OR UPDATE OR DELETE on "meeting" for each ROW execute function "meeting_meeting_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "agenda_item_read_version" on "agenda_item";`);
    this.addSql(`drop function if exists "agenda_item_agenda_item_read_version_fn"();`);
    this.addSql(`create or replace function "agenda_item_agenda_item_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select new.meeting_id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.meeting_id) as x(id) where x.id is not null;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "agenda_item_read_version" AFTER INSERT OR UPDATE OR DELETE on "agenda_item" for each ROW execute function "agenda_item_agenda_item_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "meeting_protocol_read_version" on "meeting_protocol";`);
    this.addSql(`drop function if exists "meeting_protocol_meeting_protocol_read_version_fn"();`);
    this.addSql(`create or replace function "meeting_protocol_meeting_protocol_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select new.meeting_id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.meeting_id) as x(id) where x.id is not null;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "meeting_protocol_read_version" AFTER INSERT OR UPDATE OR DELETE on "meeting_protocol" for each ROW execute function "meeting_protocol_meeting_protocol_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "district_read_version" on "district";`);
    this.addSql(`drop function if exists "district_district_read_version_fn"();`);
    this.addSql(`create or replace function "district_district_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.district_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select b.id from building b where b.district_id = new.id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.district_id = old.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select b.id from building b where b.district_id = old.id) as x(id) where x.id is not null;              elsif new.name is distinct from old.name then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.district_id = old.id union select b.id from building b where b.district_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select b.id from building b where b.district_id = old.id union select b.id from building b where b.district_id = new.id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "district_read_version" AFTER INSERT OR UPDATE OR DELETE on "district" for each ROW execute function "district_district_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "building_read_version" on "building";`);
    this.addSql(`drop function if exists "building_building_read_version_fn"();`);
    this.addSql(
      `create or replace function "building_building_read_scope_fn"() returns trigger as $$ begin perform pg_notify('read_scope', '');              return null; end; $$ language plpgsql;`,
    );
    this.addSql(`create trigger "building_read_scope" AFTER UPDATE on "building" for each ROW
  when ((new.district_id, new.management_organization_id) is distinct from
             (old.district_id, old.management_organization_id)) execute function "building_building_read_scope_fn"();`);
    this.addSql(`create or replace function "building_building_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select new.id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.id) as x(id) where x.id is not null;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.id union select new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.id union select new.id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "building_read_version" AFTER INSERT OR UPDATE OR DELETE on "building" for each ROW execute function "building_building_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "meeting_building_read_version" on "meeting_building";`);
    this.addSql(`drop function if exists "meeting_building_meeting_building_read_version_fn"();`);
    this.addSql(`create or replace function "meeting_building_meeting_building_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select new.meeting_id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.meeting_id) as x(id) where x.id is not null;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "meeting_building_read_version" AFTER INSERT OR UPDATE OR DELETE on "meeting_building" for each ROW execute function "meeting_building_meeting_building_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "apartment_read_version" on "apartment";`);
    this.addSql(`drop function if exists "apartment_apartment_read_version_fn"();`);
    this.addSql(
      `create or replace function "apartment_apartment_read_scope_fn"() returns trigger as $$ begin perform pg_notify('read_scope', '');              return null; end; $$ language plpgsql;`,
    );
    this.addSql(`create trigger "apartment_read_scope" AFTER UPDATE on "apartment" for each ROW
  when (new.building_id is distinct from old.building_id) execute function "apartment_apartment_read_scope_fn"();`);
    this.addSql(`create or replace function "apartment_apartment_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.building_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select new.building_id) as x(id) where x.id is not null;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.building_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.building_id) as x(id) where x.id is not null;              elsif new.building_id is distinct from old.building_id then
               insert into read_version (id, version) select x.id, 1 from (select old.building_id union select new.building_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;                perform pg_notify('read_version', x.id::text) from (select old.building_id union select new.building_id) as x(id) where x.id is not null;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "apartment_read_version" AFTER INSERT OR UPDATE OR DELETE on "apartment" for each ROW execute function "apartment_apartment_read_version_fn"();`,
    );

    this.addSql(
      `create or replace function "ownership_ownership_read_scope_fn"() returns trigger as $$ begin perform pg_notify('read_scope', '');              return null; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "ownership_read_scope" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE on "ownership" for each STATEMENT execute function "ownership_ownership_read_scope_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "agenda_item_read_version" on "agenda_item";`);
    this.addSql(`drop function if exists "agenda_item_agenda_item_read_version_fn"();`);
    this.addSql(`create or replace function "agenda_item_agenda_item_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "agenda_item_read_version" AFTER INSERT OR UPDATE OR DELETE on "agenda_item" for each ROW execute function "agenda_item_agenda_item_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "apartment_read_scope" on "apartment";`);
    this.addSql(`drop function if exists "apartment_apartment_read_scope_fn"();`);
    this.addSql(`drop trigger if exists "apartment_read_version" on "apartment";`);
    this.addSql(`drop function if exists "apartment_apartment_read_version_fn"();`);
    this.addSql(`create or replace function "apartment_apartment_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.building_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.building_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif new.building_id is distinct from old.building_id then
               insert into read_version (id, version) select x.id, 1 from (select old.building_id union select new.building_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "apartment_read_version" AFTER INSERT OR UPDATE OR DELETE on "apartment" for each ROW execute function "apartment_apartment_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "building_read_scope" on "building";`);
    this.addSql(`drop function if exists "building_building_read_scope_fn"();`);
    this.addSql(`drop trigger if exists "building_read_version" on "building";`);
    this.addSql(`drop function if exists "building_building_read_version_fn"();`);
    this.addSql(`create or replace function "building_building_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.id union select new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "building_read_version" AFTER INSERT OR UPDATE OR DELETE on "building" for each ROW execute function "building_building_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "district_read_version" on "district";`);
    this.addSql(`drop function if exists "district_district_read_version_fn"();`);
    this.addSql(`create or replace function "district_district_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.district_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.district_id = old.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif new.name is distinct from old.name then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.district_id = old.id union select b.id from building b where b.district_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "district_read_version" AFTER INSERT OR UPDATE OR DELETE on "district" for each ROW execute function "district_district_read_version_fn"();`,
    );

    this.addSql(
      `drop trigger if exists "management_organization_read_version" on "management_organization";`,
    );
    this.addSql(
      `drop function if exists "management_organization_management_organization_read_version_fn"();`,
    );
    this.addSql(`create or replace function "management_organization_management_organization_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.management_organization_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.management_organization_id = old.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif (new.tin, new.name, new.register_status) is distinct from (old.tin, old.name, old.register_status) then
               insert into read_version (id, version) select x.id, 1 from (select b.id from building b where b.management_organization_id = old.id union select b.id from building b where b.management_organization_id = new.id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "management_organization_read_version" AFTER INSERT OR UPDATE OR DELETE on "management_organization" for each ROW execute function "management_organization_management_organization_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "meeting_read_version" on "meeting";`);
    this.addSql(`drop function if exists "meeting_meeting_read_version_fn"();`);
    this.addSql(`create or replace function "meeting_meeting_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.id union select f.id from meeting f
          where new.attempt = 1 and f.series_id = new.series_id and f.attempt > 1) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.id union select f.id from meeting f
          where old.attempt = 1 and f.series_id = old.series_id and f.attempt > 1) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.id union select f.id from meeting f
          where old.attempt = 1 and f.series_id = old.series_id and f.attempt > 1 union select new.id union select f.id from meeting f
          where new.attempt = 1 and f.series_id = new.series_id and f.attempt > 1) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "meeting_read_version" AFTER INSERT OR UPDATE OR DELETE on "meeting" for each ROW execute function "meeting_meeting_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "meeting_building_read_version" on "meeting_building";`);
    this.addSql(`drop function if exists "meeting_building_meeting_building_read_version_fn"();`);
    this.addSql(`create or replace function "meeting_building_meeting_building_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "meeting_building_read_version" AFTER INSERT OR UPDATE OR DELETE on "meeting_building" for each ROW execute function "meeting_building_meeting_building_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "meeting_protocol_read_version" on "meeting_protocol";`);
    this.addSql(`drop function if exists "meeting_protocol_meeting_protocol_read_version_fn"();`);
    this.addSql(`create or replace function "meeting_protocol_meeting_protocol_read_version_fn"() returns trigger as $$ begin if tg_op = 'INSERT' then
               insert into read_version (id, version) select x.id, 1 from (select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif tg_op = 'DELETE' then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              elsif true then
               insert into read_version (id, version) select x.id, 1 from (select old.meeting_id union select new.meeting_id) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;              end if;              return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "meeting_protocol_read_version" AFTER INSERT OR UPDATE OR DELETE on "meeting_protocol" for each ROW execute function "meeting_protocol_meeting_protocol_read_version_fn"();`,
    );

    this.addSql(`drop trigger if exists "ownership_read_scope" on "ownership";`);
    this.addSql(`drop function if exists "ownership_ownership_read_scope_fn"();`);
  }
}
