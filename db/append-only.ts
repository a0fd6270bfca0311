// Histories that are evidence (the register's, contracts', appeals') refuse every UPDATE and
// DELETE in the database itself, so no code path, migration script or console can rewrite them.

/** The trigger for `table`; `what` names the history in the error, e.g. 'contract history'. */
export const appendOnly = (table: string, what: string) => ({
  name: `${table}_immutable`,
  timing: 'before' as const,
  events: ['update' as const, 'delete' as const],
  forEach: 'row' as const,
  body: `raise exception '${what} is append-only (event %)', old.id
               using errcode = 'check_violation';`,
});
