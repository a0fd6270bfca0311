// What other capabilities' widgets may use of the register's: the organizations in the public
// register, for pickers that may offer only registered ones (calling a meeting, a transfer act).
export { listOrganizations, type RegisterListItem } from './client.ts';
