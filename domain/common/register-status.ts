// Whether an organization may manage buildings: only once entered in the e-register. The register
// decides it; the registry shows it on each organization, and commissioning checks it.
export const REGISTER_STATUSES = ['applicant', 'registered', 'suspended', 'removed'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];
