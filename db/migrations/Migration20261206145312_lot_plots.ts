import { Migration } from '@mikro-orm/migrations';

export class Migration20261206145312_lot_plots extends Migration {

  override name = 'Migration20261206145312_lot_plots';

  override up(): void | Promise<void> {
    this.addSql(`alter table "building" add "plot_lon" double precision null, add "plot_lat" double precision null, add "plot_outline" jsonb null;`);
    this.addSql(`alter table "building" add constraint "building_plot_check" check ((plot_lon is null) = (plot_lat is null) and (plot_outline is null or plot_lon is not null) and (plot_lon is null or (plot_lon between -180 and 180 and plot_lat between -90 and 90)));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "building" drop constraint "building_plot_check";`);
    this.addSql(`alter table "building" drop column "plot_lon", drop column "plot_lat", drop column "plot_outline";`);
  }

}
