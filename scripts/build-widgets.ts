// `npm run build:widgets` without vite's CLI: the same check-and-build that start and test use.
import { ensureWidgetBundle } from './lib/widgets.ts';

console.log(await ensureWidgetBundle());
