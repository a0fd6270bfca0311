// A person no mail, SMS or Telegram reaches: no email, no verified phone, no linked chat. A notice
// sent through notifications still lands in their in-app inbox (db/notifications/inbox.ts), which
// is what the capabilities' "a person without email is told too" tests check. The account and role
// grants make them one who acts for an organization or a council (db/registry/scope.ts
// peopleActingFor); an ownership makes them an owner.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Ownership, Person, RoleGrant, UserAccount } from '../../db/registry/entities.ts';
import type { Role } from '../../domain/access/roles.ts';
import type { Language } from '../../domain/common/language.ts';

export interface InAppPerson {
  personId: string;
  userId: string;
  language: Language;
}

export async function inAppOnlyPerson(
  em: EntityManager,
  opts: {
    /** The account's id, e.g. a token's subject; a new one when omitted. */
    userId?: string;
    language?: Language;
    grants?: { role: Role; organizationId?: string; districtId?: string }[];
    /** An apartment this person owns whole. */
    apartmentId?: string;
  } = {},
): Promise<InAppPerson> {
  const language = opts.language ?? 'ru';
  const person = em.create(Person, {
    pinfl: Array.from({ length: 14 }, () => randomInt(10)).join(''),
    fullName: 'Inbox Only',
    email: null,
    phone: null,
    language,
  });
  const user = em.create(UserAccount, { id: opts.userId ?? randomUUID(), person, displayName: 'Inbox Only' });
  for (const g of opts.grants ?? [])
    em.create(RoleGrant, {
      user,
      role: g.role,
      organization: g.organizationId ?? null,
      district: g.districtId ?? null,
    });
  if (opts.apartmentId)
    em.create(Ownership, { person, apartment: opts.apartmentId, shareNumerator: 1, shareDenominator: 1 });
  await em.flush();
  return { personId: person.id, userId: user.id, language };
}
