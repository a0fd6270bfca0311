// What embedding the widgets may cost a page, in gzip bytes (issue 13, point 10): one widget with
// Lit, the loader and its texts in one language, and every widget together in one language.
export const WIDGET_BUDGET = { oneWidget: 25_000, all: 60_000 } as const;
