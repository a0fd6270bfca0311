import { Migration } from '@mikro-orm/migrations';

export class Migration20261206051152_audit_chain extends Migration {
  override name = 'Migration20261206051152_audit_chain';

  override up(): void | Promise<void> {
    // Hash chains over the histories (db/audit/chain.ts). The SQL below and
    // domain/common/audit-chain.ts must serialize a row identically.
    //
    // A row's content: every column but the two hashes, as the text of its JSON form. Timestamps
    // render in UTC whatever the session's zone, so the same row always hashes the same.
    this.addSql(`create or replace function audit_row_content(r anyelement) returns jsonb
      language sql stable set timezone to 'UTC' set extra_float_digits to 1 set bytea_output to 'hex' as $$
        select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
        from jsonb_each_text(to_jsonb(r) - 'prev_hash' - 'row_hash')
      $$;`);
    // Keys in byte order, no whitespace, JSON string escapes: canonicalContent in the domain.
    this.addSql(`create or replace function audit_canonical(content jsonb) returns text
      language sql immutable as $$
        select '{' || coalesce(string_agg(to_json(key)::text || ':' || coalesce(to_json(value)::text, 'null'),
                                          ',' order by key collate "C"), '') || '}'
        from jsonb_each_text(content)
      $$;`);
    this.addSql(`create or replace function audit_chain_hash(tbl text, prev text, content jsonb) returns text
      language sql immutable as $$
        select encode(sha256(convert_to('mu-audit-v1' || chr(10) || tbl || chr(10) || prev || chr(10)
                                        || audit_canonical(content), 'UTF8')), 'hex')
      $$;`);
    // The insert trigger; its arguments name the stream's columns. The advisory lock (its own key
    // space: the two-key form with a fixed first key) makes concurrent inserts into one stream
    // wait for each other, and every statement of a volatile function sees what committed before
    // it, so the last row read after the lock is the stream's true last row.
    this.addSql(`create or replace function audit_chain() returns trigger
      language plpgsql set timezone to 'UTC' as $$
      declare
        stream text;
        cond text;
        last_pos int;
        last_hash text;
      begin
        select string_agg(coalesce(to_jsonb(new) ->> c, ''), chr(31) order by o),
               string_agg(format('%I = $1.%I', c, c), ' and ' order by o)
          into stream, cond
          from unnest(tg_argv) with ordinality as a(c, o);
        perform pg_advisory_xact_lock(1635083369, hashtext(tg_table_name || chr(31) || stream));
        execute format('select chain_pos, row_hash from %I.%I where %s order by chain_pos desc limit 1',
                       tg_table_schema, tg_table_name, cond)
          into last_pos, last_hash using new;
        new.chain_pos := coalesce(last_pos, 0) + 1;
        new.prev_hash := coalesce(last_hash, repeat('0', 64));
        new.row_hash := audit_chain_hash(tg_table_name, new.prev_hash, audit_row_content(new));
        return new;
      end
      $$;`);
    // Chains the rows a table already holds, per stream in the given order (insertion order).
    this.addSql(`create or replace function audit_chain_backfill(tbl text, stream text[], order_by text) returns void
      language plpgsql set timezone to 'UTC' as $$
      declare
        cols text := (select string_agg(format('%I', c), ', ') from unnest(stream) c);
        r record;
        prev text;
        cur text;
        last_stream text;
      begin
        execute format('alter table %I disable trigger user', tbl);
        execute format('update %1$I t set chain_pos = n.pos
                        from (select id, row_number() over (partition by %2$s order by %3$s) as pos from %1$I) n
                        where t.id = n.id', tbl, cols, order_by);
        for r in execute format('select id, row(%1$s)::text as s, audit_row_content(t) as content
                                 from %2$I t order by %1$s, chain_pos', cols, tbl) loop
          if r.s is distinct from last_stream then
            prev := repeat('0', 64);
            last_stream := r.s;
          end if;
          cur := audit_chain_hash(tbl, prev, r.content);
          execute format('update %I set prev_hash = $1, row_hash = $2 where id = $3', tbl) using prev, cur, r.id;
          prev := cur;
        end loop;
        execute format('alter table %I enable trigger user', tbl);
      end
      $$;`);

    this.addSql(
      `alter table "audit_event" add "chain_pos" int not null default 0, add "prev_hash" varchar(64) not null default '', add "row_hash" varchar(64) not null default '';`,
    );
    this.addSql(`select audit_chain_backfill('audit_event', array['entity', 'entity_id'], 'at, ctid');`);
    this.addSql(
      `alter table "audit_event" add constraint "audit_event_entity_entity_id_chain_pos_unique" unique ("entity", "entity_id", "chain_pos");`,
    );
    this.addSql(`create or replace function "audit_event_audit_event_immutable_fn"() returns trigger as $$ begin raise exception 'audit trail is append-only (event %)', old.id
               using errcode = 'check_violation'; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "audit_event_immutable" BEFORE UPDATE OR DELETE on "audit_event" for each ROW execute function "audit_event_audit_event_immutable_fn"();`,
    );
    this.addSql(
      `create trigger "audit_event_chain" before insert on "audit_event" for each row execute function audit_chain('entity', 'entity_id');`,
    );

    this.addSql(
      `alter table "contract_event" add "chain_pos" int not null default 0, add "prev_hash" varchar(64) not null default '', add "row_hash" varchar(64) not null default '';`,
    );
    this.addSql(`select audit_chain_backfill('contract_event', array['contract_id'], 'seq');`);
    this.addSql(
      `alter table "contract_event" add constraint "contract_event_contract_id_chain_pos_unique" unique ("contract_id", "chain_pos");`,
    );
    this.addSql(
      `create trigger "contract_event_chain" before insert on "contract_event" for each row execute function audit_chain('contract_id');`,
    );

    this.addSql(
      `alter table "commissioning_event" add "chain_pos" int not null default 0, add "prev_hash" varchar(64) not null default '', add "row_hash" varchar(64) not null default '';`,
    );
    this.addSql(`select audit_chain_backfill('commissioning_event', array['application_id'], 'seq');`);
    this.addSql(
      `alter table "commissioning_event" add constraint "commissioning_event_application_id_chain_pos_unique" unique ("application_id", "chain_pos");`,
    );
    this.addSql(
      `create trigger "commissioning_event_chain" before insert on "commissioning_event" for each row execute function audit_chain('application_id');`,
    );

    this.addSql(
      `alter table "building_classification" add "chain_pos" int not null default 0, add "prev_hash" varchar(64) not null default '', add "row_hash" varchar(64) not null default '';`,
    );
    this.addSql(`select audit_chain_backfill('building_classification', array['building_id'], 'seq');`);
    this.addSql(
      `alter table "building_classification" add constraint "building_classification_building_id_chain_pos_unique" unique ("building_id", "chain_pos");`,
    );
    this.addSql(
      `create trigger "building_classification_chain" before insert on "building_classification" for each row execute function audit_chain('building_id');`,
    );

    this.addSql(
      `alter table "appeal_event" add "chain_pos" int not null default 0, add "prev_hash" varchar(64) not null default '', add "row_hash" varchar(64) not null default '';`,
    );
    this.addSql(`select audit_chain_backfill('appeal_event', array['appeal_id'], 'seq');`);
    this.addSql(
      `alter table "appeal_event" add constraint "appeal_event_appeal_id_chain_pos_unique" unique ("appeal_id", "chain_pos");`,
    );
    this.addSql(
      `create trigger "appeal_event_chain" before insert on "appeal_event" for each row execute function audit_chain('appeal_id');`,
    );

    this.addSql(
      `alter table "register_event" add "chain_pos" int not null default 0, add "prev_hash" varchar(64) not null default '', add "row_hash" varchar(64) not null default '';`,
    );
    this.addSql(`select audit_chain_backfill('register_event', array['organization_id'], 'at, ctid');`);
    this.addSql(
      `alter table "register_event" add constraint "register_event_organization_id_chain_pos_unique" unique ("organization_id", "chain_pos");`,
    );
    this.addSql(
      `create trigger "register_event_chain" before insert on "register_event" for each row execute function audit_chain('organization_id');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "appeal_event" drop constraint "appeal_event_appeal_id_chain_pos_unique";`);
    this.addSql(`drop trigger if exists "appeal_event_chain" on "appeal_event";`);
    this.addSql(
      `alter table "appeal_event" drop column "chain_pos", drop column "prev_hash", drop column "row_hash";`,
    );

    this.addSql(`alter table "audit_event" drop constraint "audit_event_entity_entity_id_chain_pos_unique";`);
    this.addSql(`drop trigger if exists "audit_event_immutable" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_audit_event_immutable_fn"();`);
    this.addSql(`drop trigger if exists "audit_event_chain" on "audit_event";`);
    this.addSql(
      `alter table "audit_event" drop column "chain_pos", drop column "prev_hash", drop column "row_hash";`,
    );

    this.addSql(
      `alter table "building_classification" drop constraint "building_classification_building_id_chain_pos_unique";`,
    );
    this.addSql(`drop trigger if exists "building_classification_chain" on "building_classification";`);
    this.addSql(
      `alter table "building_classification" drop column "chain_pos", drop column "prev_hash", drop column "row_hash";`,
    );

    this.addSql(
      `alter table "commissioning_event" drop constraint "commissioning_event_application_id_chain_pos_unique";`,
    );
    this.addSql(`drop trigger if exists "commissioning_event_chain" on "commissioning_event";`);
    this.addSql(
      `alter table "commissioning_event" drop column "chain_pos", drop column "prev_hash", drop column "row_hash";`,
    );

    this.addSql(
      `alter table "contract_event" drop constraint "contract_event_contract_id_chain_pos_unique";`,
    );
    this.addSql(`drop trigger if exists "contract_event_chain" on "contract_event";`);
    this.addSql(
      `alter table "contract_event" drop column "chain_pos", drop column "prev_hash", drop column "row_hash";`,
    );

    this.addSql(
      `alter table "register_event" drop constraint "register_event_organization_id_chain_pos_unique";`,
    );
    this.addSql(`drop trigger if exists "register_event_chain" on "register_event";`);
    this.addSql(
      `alter table "register_event" drop column "chain_pos", drop column "prev_hash", drop column "row_hash";`,
    );
    this.addSql(`drop function if exists audit_chain_backfill(text, text[], text);`);
    this.addSql(`drop function if exists audit_chain();`);
    this.addSql(`drop function if exists audit_chain_hash(text, text, jsonb);`);
    this.addSql(`drop function if exists audit_canonical(jsonb);`);
    this.addSql(`drop function if exists audit_row_content(anyelement);`);
  }
}
