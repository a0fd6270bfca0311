import { describe, expect, it } from 'vitest';
import {
  type ContractDocumentInput,
  formatNumber,
  renderContractHtml,
  validateContractParameters,
} from './document.ts';

const management: ContractDocumentInput = {
  number: 'MU-2026-000123',
  kind: 'management',
  change: 'conclusion',
  version: 1,
  date: '2026-11-25',
  buildings: [
    { id: 'b1', address: 'Yunusobod 4-mavze, 12-uy', cadastralNumber: '10:01:02:03:0004' },
    { id: 'b2', address: 'Юнусабад 4-квартал, 13-дом' },
  ],
  owners: { representativeName: 'Shoira Toʻxtayeva', authority: 'general meeting of 2026-11-20, item 2' },
  counterparty: { name: '"Obod Uy" MChJ', tin: '301234567', role: 'management_organization' },
  organization: { name: '"Obod Uy" MChJ', tin: '301234567' },
  parameters: {
    services: ['cleaning', 'maintenance', 'dispatch'],
    tariffUzsPerM2: 1250,
    termMonths: 12,
    startDate: '2026-12-01',
  },
};

const lease: ContractDocumentInput = {
  ...management,
  kind: 'common_property_lease',
  counterparty: { name: 'Aziz Karimov', pinfl: '31234567890123', role: 'lessee' },
  parameters: {
    premises: { kind: 'basement', description: 'Yertoʻla', areaM2: 42.5 },
    purpose: 'household service centre',
    monthlyRentUzs: 1_500_000,
    termMonths: 11,
    startDate: '2026-12-01',
  },
};

describe('renderContractHtml', () => {
  it('escapes every interpolated value', () => {
    const html = renderContractHtml({
      ...management,
      owners: { representativeName: '<script>alert(1)</script>', authority: 'a & "b"' },
      buildings: [{ id: 'b1', address: "O'zbekiston <b>1</b>" }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>1</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a &amp; &quot;b&quot;');
    expect(html).toContain('O&#39;zbekiston &lt;b&gt;1&lt;/b&gt;');
  });

  it('is a complete, deterministic HTML5 document', () => {
    const a = renderContractHtml(management, 'ru');
    expect(a).toBe(renderContractHtml(structuredClone(management), 'ru'));
    expect(a.startsWith('<!DOCTYPE html>\n<html lang="ru">')).toBe(true);
    expect(a).toContain('<meta charset="utf-8">');
    expect(a).toContain('<title>Договор управления многоквартирным домом № MU-2026-000123</title>');
    expect(a.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('changes when any parameter changes', () => {
    const base = renderContractHtml(management);
    const p = management.parameters as { tariffUzsPerM2: number; termMonths: number };
    expect(
      renderContractHtml({ ...management, parameters: { ...management.parameters, tariffUzsPerM2: 1300 } }),
    ).not.toBe(base);
    expect(renderContractHtml({ ...management, parameters: { ...p, termMonths: 24 } as never })).not.toBe(
      base,
    );
    expect(renderContractHtml({ ...management, number: 'MU-2026-000124' })).not.toBe(base);
  });

  it('renders each language with its own labels', () => {
    expect(renderContractHtml(lease, 'uz')).toContain('Umumiy mol-mulkni ijaraga berish shartnomasi');
    expect(renderContractHtml(lease, 'ru')).toContain('Договор аренды общего имущества');
    expect(renderContractHtml(lease, 'en')).toContain('Common property lease contract');
    expect(renderContractHtml(lease, 'en')).toContain('1\u00a0500\u00a0000 so&#39;m per month');
  });

  it('has the tax-registration clause only for common-property contracts', () => {
    expect(renderContractHtml(lease, 'en')).toContain('registered with the tax authority');
    expect(renderContractHtml(management, 'en')).not.toContain('tax authority');
  });

  it('names the previous document and the reason for a termination', () => {
    const html = renderContractHtml(
      {
        ...lease,
        change: 'termination',
        version: 2,
        previousSha256: 'ab'.repeat(32),
        terminationReason: 'premises needed',
      },
      'en',
    );
    expect(html).toContain('Termination agreement, version 2');
    expect(html).toContain(`SHA-256: ${'ab'.repeat(32)}`);
    expect(html).toContain('premises needed');
    expect(renderContractHtml(lease, 'en')).not.toContain('Previous document');
  });

  it('groups thousands without Intl', () => {
    expect(formatNumber(1234567)).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(42.5)).toBe('42.5');
    expect(formatNumber(999)).toBe('999');
  });
});

const fields = (r: ReturnType<typeof validateContractParameters>) =>
  r.ok ? [] : r.errors.map((e) => e.field);

describe('validateContractParameters', () => {
  it('accepts valid parameters of each kind', () => {
    expect(validateContractParameters('management', management.parameters)).toEqual({
      ok: true,
      value: management.parameters,
    });
    expect(validateContractParameters('common_property_lease', lease.parameters).ok).toBe(true);
    const free = { ...lease.parameters, monthlyRentUzs: 0 };
    expect(validateContractParameters('common_property_gratuitous_use', free).ok).toBe(true);
  });

  it('names each bad field of a management contract', () => {
    const r = validateContractParameters('management', {
      services: ['cleaning', 'cleaning', 'x'.repeat(101)],
      tariffUzsPerM2: -1,
      termMonths: 121,
      startDate: '2026-02-30',
      extra: true,
    });
    expect(fields(r).sort()).toEqual([
      'parameters.extra',
      'parameters.services',
      'parameters.services.2',
      'parameters.startDate',
      'parameters.tariffUzsPerM2',
      'parameters.termMonths',
    ]);
    expect(
      fields(validateContractParameters('management', { ...management.parameters, services: [] })),
    ).toEqual(['parameters.services']);
    expect(
      fields(validateContractParameters('management', { ...management.parameters, tariffUzsPerM2: 1.5 })),
    ).toEqual(['parameters.tariffUzsPerM2']);
  });

  it('requires rent for a lease and none for gratuitous use', () => {
    expect(
      fields(validateContractParameters('common_property_lease', { ...lease.parameters, monthlyRentUzs: 0 })),
    ).toEqual(['parameters.monthlyRentUzs']);
    expect(fields(validateContractParameters('common_property_gratuitous_use', lease.parameters))).toEqual([
      'parameters.monthlyRentUzs',
    ]);
  });

  it('names bad premises fields', () => {
    const r = validateContractParameters('common_property_lease', {
      ...lease.parameters,
      premises: { kind: 'attic', description: '', areaM2: 0 },
      purpose: 'p'.repeat(501),
      termMonths: 0,
    });
    expect(fields(r).sort()).toEqual([
      'parameters.premises.areaM2',
      'parameters.premises.description',
      'parameters.premises.kind',
      'parameters.purpose',
      'parameters.termMonths',
    ]);
    expect(fields(validateContractParameters('management', null))).toEqual(['parameters']);
  });
});
