// The contract document. Its HTML is what the parties sign, so the same input must give the same
// bytes forever: no clock, no randomness, and no Intl (its output changes with the ICU version,
// which would silently change a signed document's SHA-256 after a Node upgrade). The PDF copy is
// built from the same sections (contractSections) so both carry the same text.
import { escapeHtml } from '../common/html.ts';
import type { ContractKind } from './tax-registration.ts';

export interface ManagementParameters {
  services: string[];
  /** Monthly tariff per m² of apartment area, so'm. */
  tariffUzsPerM2: number;
  termMonths: number;
  startDate: string;
}

export interface CommonPropertyParameters {
  premises: { kind: 'basement' | 'roof' | 'yard' | 'other'; description: string; areaM2: number };
  purpose: string;
  /** 0 for gratuitous use. */
  monthlyRentUzs: number;
  termMonths: number;
  startDate: string;
}

export type ContractParameters = ManagementParameters | CommonPropertyParameters;

export interface ContractDocumentInput {
  number: string;
  kind: ContractKind;
  change: 'conclusion' | 'amendment' | 'termination';
  version: number;
  /** YYYY-MM-DD (Tashkent) the document was put up for signature. */
  date: string;
  buildings: { id: string; address: string; cadastralNumber?: string }[];
  owners: { representativeName: string; authority: string };
  counterparty: {
    name: string;
    tin?: string;
    pinfl?: string;
    role: 'management_organization' | 'lessee' | 'user';
  };
  organization: { name: string; tin: string };
  parameters: ContractParameters;
  previousSha256?: string;
  terminationReason?: string;
}

export type DocumentLanguage = 'uz' | 'ru' | 'en';
export type FieldError = { field: string; message: string };

type Strings = {
  kinds: Record<ContractKind, string>;
  changes: Record<ContractDocumentInput['change'], string>;
  roles: Record<ContractDocumentInput['counterparty']['role'], string>;
  premises: Record<CommonPropertyParameters['premises']['kind'], string>;
  l: Record<
    | 'number'
    | 'version'
    | 'date'
    | 'parties'
    | 'owners'
    | 'ownersText'
    | 'authority'
    | 'counterparty'
    | 'organization'
    | 'tin'
    | 'pinfl'
    | 'buildings'
    | 'cadastral'
    | 'subject'
    | 'services'
    | 'tariff'
    | 'perM2'
    | 'premisesL'
    | 'area'
    | 'purpose'
    | 'rent'
    | 'perMonth'
    | 'free'
    | 'term'
    | 'months'
    | 'start'
    | 'tax'
    | 'taxText'
    | 'previous'
    | 'previousText'
    | 'reason'
    | 'signatures'
    | 'signature',
    string
  >;
};

// biome-ignore format: a table reads better one language a block
const STRINGS: Record<DocumentLanguage, Strings> = {
  uz: {
    kinds: { management: 'Koʻp kvartirali uyni boshqarish shartnomasi', common_property_lease: 'Umumiy mol-mulkni ijaraga berish shartnomasi', common_property_gratuitous_use: 'Umumiy mol-mulkdan tekin foydalanish shartnomasi' },
    changes: { conclusion: 'Shartnoma tuzish', amendment: 'Shartnomaga oʻzgartirish kiritish toʻgʻrisida qoʻshimcha kelishuv', termination: 'Shartnomani bekor qilish toʻgʻrisida kelishuv' },
    roles: { management_organization: 'Boshqaruv tashkiloti', lessee: 'Ijarachi', user: 'Foydalanuvchi' },
    premises: { basement: 'Yertoʻla', roof: 'Tom', yard: 'Hovli', other: 'Boshqa' },
    l: { number: '№', version: 'tahrir', date: 'Sana', parties: 'Taraflar', owners: 'Mulkdorlar', ownersText: 'Uy(lar)dagi joylar mulkdorlari, vakili', authority: 'asos', counterparty: 'Ikkinchi taraf', organization: 'Boshqaruv tashkiloti', tin: 'STIR', pinfl: 'JShShIR', buildings: 'Uylar', cadastral: 'kadastr raqami', subject: 'Shartnoma predmeti va shartlari', services: 'Xizmatlar', tariff: 'Tarif', perM2: 'soʻm / m² oyiga', premisesL: 'Joy', area: 'maydoni', purpose: 'Maqsad', rent: 'Oylik ijara haqi', perMonth: 'soʻm oyiga', free: 'tekin', term: 'Muddat', months: 'oy', start: 'boshlanish sanasi', tax: 'Soliq organida roʻyxatdan oʻtkazish', taxText: 'Ushbu shartnoma qonunda belgilangan muddatda soliq organida roʻyxatdan oʻtkazilishi shart. Roʻyxatdan oʻtkazish boshqaruv tashkiloti zimmasida:', previous: 'Oldingi hujjat', previousText: 'Ushbu hujjat quyidagi SHA-256 li hujjatni oʻzgartiradi', reason: 'Sabab', signatures: 'Taraflarning imzolari', signature: 'Imzo' },
  },
  ru: {
    kinds: { management: 'Договор управления многоквартирным домом', common_property_lease: 'Договор аренды общего имущества', common_property_gratuitous_use: 'Договор безвозмездного пользования общим имуществом' },
    changes: { conclusion: 'Заключение договора', amendment: 'Дополнительное соглашение об изменении договора', termination: 'Соглашение о расторжении договора' },
    roles: { management_organization: 'Управляющая организация', lessee: 'Арендатор', user: 'Ссудополучатель' },
    premises: { basement: 'Подвал', roof: 'Крыша', yard: 'Двор', other: 'Иное' },
    l: { number: '№', version: 'редакция', date: 'Дата', parties: 'Стороны', owners: 'Собственники', ownersText: 'Собственники помещений дома (домов) в лице', authority: 'основание', counterparty: 'Другая сторона', organization: 'Управляющая организация', tin: 'ИНН', pinfl: 'ПИНФЛ', buildings: 'Дома', cadastral: 'кадастровый номер', subject: 'Предмет и условия договора', services: 'Услуги', tariff: 'Тариф', perM2: 'сум / м² в месяц', premisesL: 'Помещение', area: 'площадь', purpose: 'Цель', rent: 'Арендная плата в месяц', perMonth: 'сум в месяц', free: 'безвозмездно', term: 'Срок', months: 'мес.', start: 'дата начала', tax: 'Регистрация в налоговом органе', taxText: 'Настоящий договор подлежит регистрации в налоговом органе в срок, установленный законом. Регистрацию осуществляет управляющая организация:', previous: 'Предыдущий документ', previousText: 'Настоящий документ изменяет документ с SHA-256', reason: 'Причина', signatures: 'Подписи сторон', signature: 'Подпись' },
  },
  en: {
    kinds: { management: 'Multi-apartment building management contract', common_property_lease: 'Common property lease contract', common_property_gratuitous_use: 'Common property gratuitous use contract' },
    changes: { conclusion: 'Conclusion of the contract', amendment: 'Amendment agreement', termination: 'Termination agreement' },
    roles: { management_organization: 'Management organization', lessee: 'Lessee', user: 'User' },
    premises: { basement: 'Basement', roof: 'Roof', yard: 'Yard', other: 'Other' },
    l: { number: 'No.', version: 'version', date: 'Date', parties: 'Parties', owners: 'Owners', ownersText: 'The owners of the premises of the building(s), represented by', authority: 'authority', counterparty: 'Counterparty', organization: 'Management organization', tin: 'TIN', pinfl: 'PINFL', buildings: 'Buildings', cadastral: 'cadastral number', subject: 'Subject and terms', services: 'Services', tariff: 'Tariff', perM2: "so'm per m² per month", premisesL: 'Premises', area: 'area', purpose: 'Purpose', rent: 'Monthly rent', perMonth: "so'm per month", free: 'free of charge', term: 'Term', months: 'months', start: 'start date', tax: 'Registration with the tax authority', taxText: 'This contract must be registered with the tax authority within the period established by law. Registration is the duty of the management organization:', previous: 'Previous document', previousText: 'This document changes the document with SHA-256', reason: 'Reason', signatures: 'Signatures of the parties', signature: 'Signature' },
  },
};

export interface DocumentRow {
  label?: string;
  text: string;
}
export interface DocumentSection {
  heading: string;
  rows: DocumentRow[];
}
export interface ContractSections {
  title: string;
  subtitle: string;
  sections: DocumentSection[];
}

const isManagement = (p: ContractParameters): p is ManagementParameters => 'services' in p;

/** 1234567 → "1 234 567" (non-breaking spaces), fractions kept as JavaScript prints them. */
export function formatNumber(n: number): string {
  const [int = '', frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

const formatDate = (d: string) => d.split('-').reverse().join('.');

/** The document's text, section by section, shared by the HTML and the PDF. */
export function contractSections(
  input: ContractDocumentInput,
  lang: DocumentLanguage = 'uz',
): ContractSections {
  const s = STRINGS[lang];
  const l = s.l;
  const p = input.parameters;
  const ids = (x: { tin?: string; pinfl?: string }) =>
    [x.tin && `${l.tin} ${x.tin}`, x.pinfl && `${l.pinfl} ${x.pinfl}`].filter(Boolean).join(', ');
  const withIds = (name: string, x: { tin?: string; pinfl?: string }) =>
    ids(x) ? `${name} (${ids(x)})` : name;

  const sections: DocumentSection[] = [
    { heading: l.date, rows: [{ text: formatDate(input.date) }] },
    {
      heading: l.parties,
      rows: [
        {
          label: l.owners,
          text: `${l.ownersText} ${input.owners.representativeName}; ${l.authority}: ${input.owners.authority}`,
        },
        {
          label: `${l.counterparty} (${s.roles[input.counterparty.role]})`,
          text: withIds(input.counterparty.name, input.counterparty),
        },
        { label: l.organization, text: withIds(input.organization.name, { tin: input.organization.tin }) },
      ],
    },
    {
      heading: l.buildings,
      rows: input.buildings.map((b) => ({
        text: b.cadastralNumber ? `${b.address} (${l.cadastral} ${b.cadastralNumber})` : b.address,
      })),
    },
  ];
  const subject: DocumentRow[] = isManagement(p)
    ? [
        { label: l.services, text: p.services.join('; ') },
        { label: l.tariff, text: `${formatNumber(p.tariffUzsPerM2)} ${l.perM2}` },
      ]
    : [
        {
          label: l.premisesL,
          text: `${s.premises[p.premises.kind]}: ${p.premises.description}; ${l.area} ${formatNumber(p.premises.areaM2)} m²`,
        },
        { label: l.purpose, text: p.purpose },
        {
          label: l.rent,
          text:
            input.kind === 'common_property_gratuitous_use'
              ? l.free
              : `${formatNumber(p.monthlyRentUzs)} ${l.perMonth}`,
        },
      ];
  subject.push({
    label: l.term,
    text: `${p.termMonths} ${l.months}; ${l.start}: ${formatDate(p.startDate)}`,
  });
  sections.push({ heading: l.subject, rows: subject });
  if (input.kind !== 'management')
    sections.push({
      heading: l.tax,
      rows: [{ text: `${l.taxText} ${withIds(input.organization.name, { tin: input.organization.tin })}` }],
    });
  if (input.change !== 'conclusion') {
    const rows: DocumentRow[] = [{ text: `${l.previousText}: ${input.previousSha256 ?? '—'}` }];
    if (input.terminationReason) rows.push({ label: l.reason, text: input.terminationReason });
    sections.push({ heading: l.previous, rows });
  }
  sections.push({
    heading: l.signatures,
    rows: [
      { label: l.owners, text: `${input.owners.representativeName}   ${l.signature}: ____________` },
      {
        label: s.roles[input.counterparty.role],
        text: `${input.counterparty.name}   ${l.signature}: ____________`,
      },
    ],
  });
  return {
    title: `${s.kinds[input.kind]} ${l.number} ${input.number}`,
    subtitle: `${s.changes[input.change]}, ${l.version} ${input.version}`,
    sections,
  };
}

const CSS =
  'body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}' +
  'h1{font-size:1.25em;text-align:center;margin-bottom:.2em}.sub{text-align:center;margin-top:0}' +
  'h2{font-size:1.05em;margin:1.2em 0 .3em}p{margin:.25em 0}';

export function renderContractHtml(input: ContractDocumentInput, lang: DocumentLanguage = 'uz'): string {
  const doc = contractSections(input, lang);
  const e = escapeHtml;
  const body = doc.sections
    .map(
      (sec) =>
        `<section><h2>${e(sec.heading)}</h2>\n${sec.rows
          .map((r) => `<p>${r.label ? `<b>${e(r.label)}:</b> ` : ''}${e(r.text)}</p>`)
          .join('\n')}</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${e(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${e(doc.title)}</h1>
<p class="sub">${e(doc.subtitle)}</p>
${body}
</body>
</html>
`;
}

export type ValidationResult = { ok: true; value: ContractParameters } | { ok: false; errors: FieldError[] };

const PREMISES_KINDS = ['basement', 'roof', 'yard', 'other'] as const;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Checks the parameters a kind of contract needs; extra fields are refused so nothing unseen is signed. */
export function validateContractParameters(kind: ContractKind, value: unknown): ValidationResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `parameters.${field}`, message });
  if (!isObject(value)) return { ok: false, errors: [{ field: 'parameters', message: 'must be an object' }] };
  const text = (field: string, v: unknown, max: number) => {
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > max)
      fail(field, `must be 1..${max} characters`);
  };
  const amount = (field: string, v: unknown) => {
    if (!Number.isSafeInteger(v) || (v as number) < 0)
      fail(field, 'must be a non-negative whole number of soʻm');
  };
  const known = (obj: Record<string, unknown>, keys: readonly string[], prefix: string) => {
    for (const k of Object.keys(obj)) if (!keys.includes(k)) fail(`${prefix}${k}`, 'is not a known field');
  };
  if (!isCalendarDate(value.startDate)) fail('startDate', 'must be a date YYYY-MM-DD');
  const term = value.termMonths;
  if (!Number.isInteger(term) || (term as number) < 1 || (term as number) > 120)
    fail('termMonths', 'must be a whole number of months from 1 to 120');

  if (kind === 'management') {
    known(value, ['services', 'tariffUzsPerM2', 'termMonths', 'startDate'], '');
    const services = value.services;
    if (!Array.isArray(services) || services.length === 0 || services.length > 20)
      fail('services', 'must list 1..20 services');
    else {
      services.forEach((sv, i) => {
        text(`services.${i}`, sv, 100);
      });
      if (new Set(services).size !== services.length) fail('services', 'must not repeat a service');
    }
    amount('tariffUzsPerM2', value.tariffUzsPerM2);
  } else {
    known(value, ['premises', 'purpose', 'monthlyRentUzs', 'termMonths', 'startDate'], '');
    const pr = value.premises;
    if (!isObject(pr)) fail('premises', 'must be an object');
    else {
      known(pr, ['kind', 'description', 'areaM2'], 'premises.');
      if (!PREMISES_KINDS.includes(pr.kind as never))
        fail('premises.kind', `must be one of ${PREMISES_KINDS.join(', ')}`);
      text('premises.description', pr.description, 500);
      const area = pr.areaM2;
      if (typeof area !== 'number' || !Number.isFinite(area) || area <= 0 || area > 100_000)
        fail('premises.areaM2', 'must be more than 0 and at most 100000 m²');
    }
    text('purpose', value.purpose, 500);
    const rent = value.monthlyRentUzs;
    amount('monthlyRentUzs', rent);
    if (kind === 'common_property_gratuitous_use' && rent !== 0)
      fail('monthlyRentUzs', 'must be 0 for gratuitous use');
    if (kind === 'common_property_lease' && rent === 0)
      fail('monthlyRentUzs', 'must be more than 0 for a lease');
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: value as unknown as ContractParameters };
}
