// One progress bar look for every long-running script (seeding, imports).
import cliProgress from 'cli-progress';

export function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    { format: `  ${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done: number, total: number) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}
