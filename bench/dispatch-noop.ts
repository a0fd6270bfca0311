// The bare workflow of the dispatch benchmark: it does nothing, so starting it measures only what a
// start costs on the dev server, the floor the dispatch request's own start stands on.
export async function benchNoop(): Promise<number> {
  return 1;
}
