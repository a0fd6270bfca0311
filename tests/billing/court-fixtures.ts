// What the court package cites, recorded as the meetings and contracts capabilities leave it: a
// decided general meeting of the building whose management_method item was accepted, with its
// protocol, and an active management contract with its signed document and both signatures.
import { createHash, randomUUID } from 'node:crypto';
import {
  Contract,
  ContractBuilding,
  ContractDocument,
  ContractSignature,
} from '../../db/contracts/entities.ts';
import { AgendaItem, Meeting, MeetingBuilding, MeetingProtocol } from '../../db/meetings/entities.ts';
import type { Orm } from '../../db/orm.ts';
import type { ContractDocumentInput } from '../../domain/contracts/document.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';

export async function decidedManagementMethod(
  orm: Orm,
  buildingId: string,
  accepted = true,
): Promise<{ meetingId: string; title: string; protocolSha256: string }> {
  const em = orm.em.fork();
  const id = randomUUID();
  const title = `Uy boshqaruv usulini tanlash ${id.slice(0, 6)}`;
  const decidedAt = new Date(Date.now() - 200 * 86_400_000);
  const user = randomUUID();
  const meeting = em.create(Meeting, {
    id,
    seriesId: id,
    title,
    kind: 'extraordinary',
    form: 'electronic',
    phase: 'completed',
    initiatorKind: 'owners',
    initiatorUserId: user,
    initiatorName: 'Karimova Nodira',
    chairUserId: user,
    secretaryUserId: randomUUID(),
    noticeAt: new Date(decidedAt.getTime() - 20 * 86_400_000),
    votingOpensAt: new Date(decidedAt.getTime() - 10 * 86_400_000),
    votingClosesAt: decidedAt,
    policy: DEFAULT_MEETING_POLICY,
    weightScale: 1,
    totalWeight: 1000,
    eligibleOwners: 3,
    decidedAt,
  });
  em.create(MeetingBuilding, { meeting, building: buildingId });
  const item = em.create(AgendaItem, {
    meeting,
    position: 1,
    title: 'Boshqaruv usuli: boshqaruv tashkiloti',
    description: 'Uyni boshqaruv tashkiloti orqali boshqarish',
    kind: 'management_method',
  });
  await em.flush();
  // The decision is written once, after the tally, as the meetings capability does.
  await em.execute(`update meeting set decision = ?::jsonb where id = ?`, [
    JSON.stringify({
      quorumReached: true,
      totalWeight: 1000,
      participatingWeight: 800,
      items: [
        {
          itemId: item.id,
          kind: 'management_method',
          for: accepted ? 700 : 100,
          against: accepted ? 60 : 660,
          abstain: 40,
          rule: 'majority_of_all',
          accepted,
        },
      ],
    }),
    id,
  ]);
  const pdf = Buffer.from(`protocol ${id}`);
  const protocolSha256 = createHash('sha256').update(pdf).digest('hex');
  em.create(MeetingProtocol, { meeting: id, pdf, sha256: protocolSha256 });
  await em.flush();
  return { meetingId: id, title, protocolSha256 };
}

export async function activeManagementContract(
  orm: Orm,
  t: { buildingId: string; organizationId: string; address: string },
): Promise<{ number: string; documentSha256: string }> {
  const em = orm.em.fork();
  const [org] = await em.execute<{ name: string; tin: string }[]>(
    `select name, tin from management_organization where id = ?`,
    [t.organizationId],
  );
  const number = `MC-${randomUUID().slice(0, 8)}`;
  const input: ContractDocumentInput = {
    number,
    kind: 'management',
    change: 'conclusion',
    version: 1,
    date: '2026-01-10',
    buildings: [{ id: t.buildingId, address: t.address }],
    owners: { representativeName: 'Karimova Nodira', authority: 'umumiy yigʻilish qarori' },
    counterparty: { name: org!.name, tin: org!.tin, role: 'management_organization' },
    organization: { name: org!.name, tin: org!.tin },
    parameters: {
      services: ['Umumiy mol-mulkni saqlash', 'Tozalash'],
      tariffUzsPerM2: 1650,
      termMonths: 36,
      startDate: '2026-02-01',
    },
  };
  const documentSha256 = createHash('sha256').update(number).digest('hex');
  const contract = em.create(Contract, {
    number,
    kind: 'management',
    state: 'active',
    organization: t.organizationId,
    ownersUserId: randomUUID(),
    ownersName: 'Karimova Nodira',
    ownersAuthority: 'umumiy yigʻilish qarori',
    counterpartyOrganization: t.organizationId,
    counterpartyName: org!.name,
    counterpartyTin: org!.tin,
    parameters: input.parameters,
    version: 1,
    documentSha256,
    concludedAt: new Date('2026-01-20T10:00:00Z'),
    createdByUserId: randomUUID(),
    idempotencyKey: `test:${number}`,
    requestSha256: '0'.repeat(64),
  });
  em.create(ContractBuilding, { contract, building: t.buildingId });
  em.create(ContractDocument, {
    contract,
    sha256: documentSha256,
    change: 'conclusion',
    html: '<p>signed</p>',
    input,
    lang: 'uz',
  });
  for (const [party, signerName] of [
    ['owners', 'Karimova Nodira'],
    ['counterparty', 'Rahimov Sardor'],
  ] as const)
    em.create(ContractSignature, {
      contract,
      documentSha256,
      party,
      signerUserId: randomUUID(),
      signerName,
      scheme: 'ecdsa-p256',
      envelope: {} as never,
      status: 'verified',
      verification: {},
      idempotencyKey: `test:${number}:${party}`,
    });
  await em.flush();
  return { number, documentSha256 };
}
