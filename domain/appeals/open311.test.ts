import { describe, expect, it } from 'vitest';
import {
  fromCreateRequest,
  MAX_DESCRIPTION,
  serviceList,
  toCreateResponse,
  toServiceRequest,
  w3cDatetime,
} from './open311.ts';
import type { AppealView } from './types.ts';

const tk = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+05:00`);
const ORG = { kind: 'management_organization' as const, id: 'org-1', name: 'Obod' };
const VIEW: AppealView = {
  id: 'a-1',
  registrationNumber: '2026-000001',
  category: 'heating',
  kind: 'complaint',
  subject: { buildingId: 'b-1' },
  text: 'No heat',
  status: 'in_progress',
  level: 'management_organization',
  responsible: ORG,
  receivedAt: tk('2026-11-23'),
  registeredOn: '2026-11-23',
  dueLastDay: '2026-12-09',
  dueAt: Date.UTC(2026, 11, 9, 19),
  extended: false,
  timeline: [
    { at: tk('2026-11-23'), action: 'submit', actor: { kind: 'system' }, responsible: ORG },
    {
      at: tk('2026-11-24', '11:30'),
      action: 'accept',
      actor: { kind: 'user', userId: 'u', name: 'x' },
      responsible: ORG,
    },
  ],
};

describe('Open311 service list', () => {
  it('one realtime service per category, without metadata', () => {
    const list = serviceList({ lift: 'Lift (uz)' });
    expect(list).toHaveLength(12);
    expect(list.find((s) => s.service_code === 'lift')).toEqual({
      service_code: 'lift',
      service_name: 'Lift (uz)',
      description: 'A lift that is stopped, unsafe or not serviced.',
      metadata: false,
      type: 'realtime',
      keywords: 'lift,elevator',
      group: 'services',
    });
  });
});

describe('Open311 service request', () => {
  it('maps an open appeal', () => {
    expect(toServiceRequest(VIEW, { address: 'Amir Temur 1' })).toEqual({
      service_request_id: '2026-000001',
      status: 'open',
      status_notes: null,
      service_name: 'Heating',
      service_code: 'heating',
      description: 'No heat',
      agency_responsible: 'Obod',
      service_notice: 'Received and registered on 2026-11-23. The answer is due by 2026-12-09.',
      requested_datetime: '2026-11-23T10:00:00+05:00',
      updated_datetime: '2026-11-24T11:30:00+05:00',
      expected_datetime: '2026-12-09T23:59:59+05:00',
      address: 'Amir Temur 1',
      address_id: 'b-1',
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    });
  });

  it('an answer stays open while disputable; closed and forwarded are closed', () => {
    const answer = { text: 'Fixed', answeredAt: 0, by: { userId: 'u', name: 'x' }, disputeEndsAt: 0 };
    const answered = toServiceRequest({ ...VIEW, status: 'answered', answer }, { address: null });
    expect([answered.status, answered.status_notes]).toEqual(['open', 'Fixed']);
    expect(toServiceRequest({ ...VIEW, status: 'closed', answer }, { address: null }).status).toBe('closed');
    const gas = { kind: 'other_body' as const, id: 'g', name: 'Hududgaz' };
    const fwd = toServiceRequest(
      { ...VIEW, status: 'transferred', responsible: gas },
      { address: null, lat: 41.3, long: 69.2 },
    );
    expect([fwd.status, fwd.status_notes, fwd.lat, fwd.long]).toEqual([
      'closed',
      'Forwarded to Hududgaz',
      41.3,
      69.2,
    ]);
    expect(toServiceRequest({ ...VIEW, status: 'escalated' }, { address: null }).status_notes).toMatch(
      /inspection/,
    );
    expect(toCreateResponse(VIEW)).toEqual([
      { service_request_id: '2026-000001', service_notice: null, account_id: null },
    ]);
  });

  it('an appeal received on a Saturday night says it was registered on the next working day', () => {
    const r = toServiceRequest(
      {
        ...VIEW,
        receivedAt: tk('2026-12-05', '23:30'),
        registeredOn: '2026-12-07',
        dueLastDay: '2026-12-21',
      },
      { address: null },
    );
    expect(r.requested_datetime).toBe('2026-12-05T23:30:00+05:00');
    expect(r.service_notice).toBe(
      'Received on 2026-12-05, outside office hours; registered on the next working day, 2026-12-07. The answer is due by 2026-12-21.',
    );
  });

  it('datetimes carry Tashkent’s offset', () => {
    expect(w3cDatetime(Date.UTC(2026, 11, 31, 19, 0, 0))).toBe('2027-01-01T00:00:00+05:00');
  });
});

describe('Open311 create request', () => {
  it('reads form-encoded attributes', () => {
    const r = fromCreateRequest({
      service_code: 'water',
      address_id: 'b-1',
      description: ' Low pressure ',
      'attribute[kind]': 'complaint',
      'attribute[apartment_id]': 'ap-7',
      lat: '41.3',
      media_url: 'http://x',
    });
    expect(r).toEqual({
      ok: true,
      input: {
        category: 'water',
        kind: 'complaint',
        subject: { buildingId: 'b-1', apartmentId: 'ap-7' },
        text: 'Low pressure',
      },
    });
  });

  it('reads JSON attributes and defaults the kind to application', () => {
    expect(
      fromCreateRequest({ service_code: 'lift', address_id: 'b-1', description: 'Stuck', attribute: {} }),
    ).toEqual({
      ok: true,
      input: { category: 'lift', kind: 'application', subject: { buildingId: 'b-1' }, text: 'Stuck' },
    });
    expect(
      fromCreateRequest({
        service_code: 'lift',
        address_id: 'b-1',
        description: 'x',
        attribute: { kind: 'proposal' },
      }),
    ).toMatchObject({
      ok: true,
      input: { kind: 'proposal' },
    });
  });

  it('lists every error in Open311 style', () => {
    const r = fromCreateRequest({
      service_code: 'pothole',
      description: 'x'.repeat(MAX_DESCRIPTION + 1),
      'attribute[kind]': 'petition',
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        { code: 400, description: 'service_code: unknown service pothole' },
        {
          code: 400,
          description: 'address_id: required, the building id; coordinates alone are not accepted',
        },
        { code: 400, description: 'description: at most 4000 characters' },
        { code: 400, description: 'attribute[kind]: one of application, complaint, proposal' },
      ],
    });
    expect(fromCreateRequest(null)).toMatchObject({ ok: false });
    const missing = fromCreateRequest({});
    expect(missing.ok ? [] : missing.errors.map((e) => e.description.split(':')[0])).toEqual([
      'service_code',
      'address_id',
      'description',
    ]);
  });
});
