// What other capabilities' routes may use of the registry's API: the one answer to "may this
// caller see this building?" (404 when it does not exist, 403 outside the caller's scope).
export { assertBuildingVisible } from './visibility.ts';
