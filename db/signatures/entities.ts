// The public keys people sign with in the browser (the built-in scheme), registered per user and
// shared by every capability that takes signatures (contracts, commissioning acts).
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { id, now } from '../columns.ts';

/** Built-in scheme public keys, registered per user (docs/domain/signatures.md). */
export const SigningKey = defineEntity({
  name: 'SigningKey',
  tableName: 'signing_key',
  uniques: [{ properties: ['userId', 'thumbprint'] }],
  properties: {
    id: id(),
    userId: p.uuid(),
    thumbprint: p.string().length(64),
    publicKeyJwk: p.json<JsonWebKey>(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const signatureEntities = [SigningKey];

export type ISigningKey = InferEntity<typeof SigningKey>;
