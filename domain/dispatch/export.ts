// The response-time figures as a table a person opens in a spreadsheet: headers and the quarter in
// the reader's language (as <mu-dispatch-figures> shows them), each organization by its name with
// its identifier beside it (the column a sheet joins on), shares as percentages and times in
// minutes, as plain numbers with the unit in the header so the sheet can count them (as the reports
// board's export keeps its money). The API writes these rows as CSV (api/csv.ts).
import type { Language } from '../common/language.ts';
import type { ResponseFigures } from './figures.ts';

/** An organization's figures with its name, as the API's JSON gives them to the widget. */
export type NamedFigures = ResponseFigures & { name: string };

const COLUMNS = [
  'name',
  'organizationId',
  'quarter',
  'requests',
  'answerShare',
  'answerMedian',
  'containShare',
  'containMedian',
  'doneShare',
  'doneMedian',
  'meanRating',
] as const;
type Column = (typeof COLUMNS)[number];

interface Words {
  header: Record<Column, string>;
  quarter: (q: string, year: string) => string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    header: {
      name: 'Tashkilot',
      organizationId: 'Tashkilot identifikatori',
      quarter: 'Chorak',
      requests: 'Murojaatlar',
      answerShare: 'Oʻz vaqtida javob berilgan qoʻngʻiroqlar (%)',
      answerMedian: 'Javob berishning mediana vaqti (daqiqa)',
      containShare: 'Oʻz vaqtida bartaraf etilgan (%)',
      containMedian: 'Bartaraf etishning mediana vaqti (daqiqa)',
      doneShare: 'Oʻz vaqtida bajarilgan (%)',
      doneMedian: 'Bajarishning mediana vaqti (daqiqa)',
      meanRating: 'Oʻrtacha baho',
    },
    quarter: (q, year) => `${year}-yil ${q}-chorak`,
  },
  ru: {
    header: {
      name: 'Организация',
      organizationId: 'Идентификатор организации',
      quarter: 'Квартал',
      requests: 'Заявок',
      answerShare: 'Звонков принято в срок (%)',
      answerMedian: 'Медианное время ответа (мин)',
      containShare: 'Локализовано в срок (%)',
      containMedian: 'Медианное время локализации (мин)',
      doneShare: 'Выполнено в срок (%)',
      doneMedian: 'Медианное время выполнения (мин)',
      meanRating: 'Средняя оценка',
    },
    quarter: (q, year) => `${q} квартал ${year}`,
  },
  en: {
    header: {
      name: 'Organization',
      organizationId: 'Organization ID',
      quarter: 'Quarter',
      requests: 'Requests',
      answerShare: 'Calls answered in time (%)',
      answerMedian: 'Median time to answer (min)',
      containShare: 'Contained in time (%)',
      containMedian: 'Median time to contain (min)',
      doneShare: 'Done in time (%)',
      doneMedian: 'Median time to finish (min)',
      meanRating: 'Mean rating',
    },
    quarter: (q, year) => `Q${q} ${year}`,
  },
};

/** 0.8125 → 81.25: the share as the widget's percentage, to the precision the figures keep. */
const percent = (share: number | null) => (share === null ? '' : Number((share * 100).toFixed(2)));
const value = (x: number | null) => (x === null ? '' : x);

/** The header row, then one row per organization, in `lang`; a measure with nothing decided is empty. */
export function figuresExportRows(figures: readonly NamedFigures[], lang: Language): (string | number)[][] {
  const w = WORDS[lang];
  const rows = figures.map((f) => {
    const [year = '', q = ''] = f.quarter.split('-Q');
    const cells: Record<Column, string | number> = {
      name: f.name,
      organizationId: f.organizationId,
      quarter: w.quarter(q, year),
      requests: f.requests,
      answerShare: percent(f.answer.share),
      answerMedian: value(f.answer.medianMinutes),
      containShare: percent(f.contain.share),
      containMedian: value(f.contain.medianMinutes),
      doneShare: percent(f.done.share),
      doneMedian: value(f.done.medianMinutes),
      meanRating: value(f.meanRating),
    };
    return COLUMNS.map((c) => cells[c]);
  });
  return [COLUMNS.map((c) => w.header[c]), ...rows];
}
