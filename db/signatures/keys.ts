// Built-in scheme public keys, registered per user: a signature counts only with the signer's own key.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import { jwkThumbprint } from '../../domain/signatures/ecdsa.ts';
import { SigningKey } from './entities.ts';

export interface SigningKeyView {
  id: string;
  thumbprint: string;
  createdAt: string;
}

const viewOf = (k: { id: string; thumbprint: string; createdAt: Date }): SigningKeyView => ({
  id: k.id,
  thumbprint: k.thumbprint,
  createdAt: new Date(k.createdAt).toISOString(),
});

/** Only the public members are kept: a JWK that also carries `d` is refused, not trimmed. */
export async function registerSigningKey(
  em: EntityManager,
  userId: string,
  jwk: JsonWebKey,
): Promise<{ key: SigningKeyView; created: boolean }> {
  if (jwk.d !== undefined)
    throw new RuleError<'invalid'>('invalid', 'send the public key only, never the private part', [
      'publicKeyJwk.d',
    ]);
  let thumbprint: string;
  try {
    thumbprint = await jwkThumbprint(jwk);
  } catch {
    throw new RuleError<'invalid'>('invalid', 'must be an EC P-256 public key (kty EC, crv P-256, x, y)', [
      'publicKeyJwk',
    ]);
  }
  const publicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  const inserted = await em.getConnection().execute<{ id: string }[]>(
    `insert into signing_key (id, user_id, thumbprint, public_key_jwk, created_at)
     values (?, ?, ?, ?, now()) on conflict (user_id, thumbprint) do nothing returning id`,
    [randomUUID(), userId, thumbprint, JSON.stringify(publicKeyJwk)],
  );
  const row = await em.findOneOrFail(SigningKey, { userId, thumbprint }, { refresh: true });
  return { key: viewOf(row), created: inserted.length > 0 };
}

export async function signingKeysOf(em: EntityManager, userId: string): Promise<SigningKeyView[]> {
  const rows = await em.find(SigningKey, { userId }, { orderBy: { createdAt: 'asc' } });
  return rows.map(viewOf);
}

/** The user's registered key with this thumbprint, or null: then the signature is by someone else. */
export async function registeredKey(
  em: EntityManager,
  userId: string,
  offered: JsonWebKey,
): Promise<JsonWebKey | null> {
  let thumbprint: string;
  try {
    thumbprint = await jwkThumbprint(offered);
  } catch {
    return null;
  }
  const row = await em.findOne(SigningKey, { userId, thumbprint }, { refresh: true });
  return row?.publicKeyJwk ?? null;
}
