import { Migration } from '@mikro-orm/migrations';

export class Migration20261206151131_land_plot_centre extends Migration {
  override name = 'Migration20261206151131_land_plot_centre';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "building" add "plot_lon" double precision null, add "plot_lat" double precision null;`,
    );
    this.addSql(
      `alter table "building" add constraint "building_plot_check" check ((plot_lon is null) = (plot_lat is null) and (plot_lon is null or (plot_lon between -180 and 180 and plot_lat between -90 and 90)));`,
    );
    // Plots recorded before the centre was kept: the mean of their outer rings' vertices, the
    // closing one once, as domain/registry/land-plot.ts computes it for new ones.
    this.addSql(`update building b set plot_lon = c.lon, plot_lat = c.lat from (
      select lp.building_id, avg((v.pt->>0)::float8) as lon, avg((v.pt->>1)::float8) as lat
      from land_plot lp
      cross join lateral jsonb_array_elements(case lp.boundary->>'type'
        when 'Polygon' then jsonb_build_array(lp.boundary->'coordinates')
        when 'MultiPolygon' then lp.boundary->'coordinates' else '[]'::jsonb end) as poly(p)
      cross join lateral jsonb_array_elements(poly.p->0) with ordinality as v(pt, i)
      where v.i < jsonb_array_length(poly.p->0) or poly.p->0->0 <> poly.p->0->-1
      group by lp.building_id) c where c.building_id = b.id;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "building" drop constraint "building_plot_check";`);
    this.addSql(`alter table "building" drop column "plot_lon", drop column "plot_lat";`);
  }
}
