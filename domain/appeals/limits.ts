// How long an appeal's text and a body's answer may be: one constant the API's schema and the
// form's check before sending both read, so the browser never lets through what the API refuses.
export const APPEAL_TEXT_MAX = 10_000;
