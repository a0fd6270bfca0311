// The languages every capability speaks to people in: Uzbek first (the state language), then
// Russian and English. Widgets import this file into the browser bundle.
export const LANGUAGES = ['uz', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
