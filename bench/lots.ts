// `npm run bench:lots`: the proposed partition (domain/lots/partition.ts) of a national dataset of
// 44,000 buildings made deterministically by the lots' district generator, all in one call as the
// worst case (a real district has a few hundred to a few thousand). Baseline, measured in the same
// run: the Hilbert ordering alone (spatial.ts), which every partition starts with, so the figure
// shows what the cutting and balancing add. CPU time of this process is the primary figure, wall
// time context only (the machine is shared). Exit 1 when the result breaks a rule.
//   npm run bench:lots -- [--buildings 44000] [--runs 5] [--seed 1]
import { parseArgs } from 'node:util';
import { syntheticDistrict } from '../domain/lots/district.test-data.ts';
import { checkLots } from '../domain/lots/edits.ts';
import { proposeLots } from '../domain/lots/partition.ts';
import { DEFAULT_LOT_POLICY } from '../domain/lots/policy.ts';
import { spatialOrder } from '../domain/lots/spatial.ts';

const { values } = parseArgs({
  options: {
    buildings: { type: 'string', default: '44000' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
});
const N = Number(values.buildings);
const RUNS = Number(values.runs);
const buildings = syntheticDistrict(N, Number(values.seed));
const apartments = buildings.reduce((s, b) => s + b.apartments, 0);

function measure<T>(work: () => T): { cpuMs: number; wallMs: number; result: T } {
  const cpu: number[] = [];
  const wall: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    result = work();
    wall.push(performance.now() - w0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { cpuMs: median(cpu), wallMs: median(wall), result };
}

const order = measure(() => spatialOrder(buildings));
const partition = measure(() => proposeLots(buildings, DEFAULT_LOT_POLICY));
const { lots } = partition.result;
const checked = checkLots(buildings, lots, DEFAULT_LOT_POLICY);
const sizes = lots.map((l) => l.apartments);
const line = (label: string, value: number | string, unit: string) =>
  console.log(`${label} ${value} ${unit}`);
line('buildings', N, 'count');
line('apartments', apartments, 'count');
line('runs', RUNS, 'count');
line('baseline_hilbert_order_cpu', order.cpuMs.toFixed(1), 'ms');
line('baseline_hilbert_order_wall', order.wallMs.toFixed(1), 'ms');
line('partition_cpu', partition.cpuMs.toFixed(1), 'ms');
line('partition_wall', partition.wallMs.toFixed(1), 'ms');
line('partition_cpu_per_building', ((partition.cpuMs * 1000) / N).toFixed(2), 'us');
line('lots', lots.length, 'count');
line('lot_apartments_min', Math.min(...sizes), 'count');
line('lot_apartments_max', Math.max(...sizes), 'count');
line('violations', checked.violations.length, 'count');
const placed = new Set(lots.flatMap((l) => l.buildingIds));
if (checked.violations.length > 0 || placed.size !== N) {
  console.error(`partition broke a rule: ${JSON.stringify(checked.violations.slice(0, 3))}`);
  process.exit(1);
}
