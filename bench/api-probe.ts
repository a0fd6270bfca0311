// Preloaded into the API child of `npm run bench:api` (node --import): counts the statements every
// pg client of the process sends, and tells the bench the count when it asks over the IPC channel.
// Statements per request is a figure load does not move; the API itself is not changed for it.
import pg from 'pg';

let statements = 0;
const query = pg.Client.prototype.query;
// biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only counts.
pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
  statements++;
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  return (query as (...a: any[]) => any).apply(this, args);
} as typeof query;

process.on('message', (m) => {
  if (m === 'statements') process.send?.({ statements });
});
// The channel must not keep the process alive when the API shuts down.
process.channel?.unref();
