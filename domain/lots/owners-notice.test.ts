import { describe, expect, it } from 'vitest';
import { renderOwnersNotice } from './owners-notice.ts';

const data = {
  districtName: 'Yunusobod',
  lotNumber: 2,
  organizationName: 'Obod Uy',
  tariff: 250_050,
  termMonths: 60,
};

describe("the owners' notice of their lot's organization", () => {
  it('names the organization, the tariff in soʻm and the term in every language, chosen or appointed', () => {
    const chosen = renderOwnersNotice('en', { ...data, outcome: 'chosen' });
    expect(chosen.subject).toBe('Yunusobod: the management organization of lot 2 is chosen');
    expect(chosen.body).toContain(`"Obod Uy" to manage the buildings of lot 2`);
    expect(chosen.body).toContain("Tariff: 2500.50 so'm per m² a month, for 60 months.");
    const appointed = renderOwnersNotice('ru', { ...data, tariff: 300_000, outcome: 'appointed' });
    expect(appointed.subject).toBe('Yunusobod: управляющая организация лота 2 назначена по конкурсу');
    expect(appointed.body).toContain('Тариф: 3000 сум за 1 м² в месяц, срок: 60 мес.');
    const uz = renderOwnersNotice('uz', { ...data, outcome: 'appointed' });
    expect(uz.subject).toBe('Yunusobod: 2-lot boshqaruv tashkiloti tanlov orqali tayinlandi');
    expect(uz.body).toContain('«Obod Uy» tashkilotini tayinladi');
  });
});
