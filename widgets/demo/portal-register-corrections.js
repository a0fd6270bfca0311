// The register's correction round in the demo portal: a reviewer asks for corrections of named
// fields with a note; the applicant sees the request, its deadline, and corrects what was asked
// before it passes; a rejected applicant sees why. portal-register.js places these parts.

export const CORRECTIONS_TEXT = {
  uz: {
    withdraw: 'Arizani qaytarib olish',
    withdrawConfirm:
      'Ariza qaytarib olinadi va koʻrib chiqilmaydi. Keyinroq yangi ariza berishingiz mumkin. Davom etasizmi?',
    withdrawn: 'Ariza qaytarib olindi.',
    withdrawnOn: '{date} kungi arizangiz qaytarib olingan.',
    askTitle: 'Tuzatish soʻrash',
    askFields: 'Tuzatilishi kerak boʻlgan maʼlumotlar',
    askNote: 'Izoh arizachiga',
    askSubmit: 'Tuzatish soʻrash',
    askedOk: '{name} arizasi boʻyicha tuzatish soʻraldi.',
    pickField: 'Kamida bitta maʼlumotni belgilang.',
    writeNote: 'Izoh yozing.',
    f_name: 'Tashkilot nomi',
    f_ownFundsUzs: 'Oʻz mablagʻlari',
    f_technicalBase: 'Moddiy-texnik baza',
    'f_dispatch.phone': 'Dispetcher telefoni',
    f_dispatch: 'Dispetcherlik rejimi',
    correctionsAsked: 'Koʻrib chiquvchi tuzatish soʻradi: {fields}.',
    correctionsNote: 'Izoh: {note}',
    correctionsDue: 'Tuzatilgan arizani {date} gacha yuboring, aks holda ariza rad etiladi.',
    correctTitle: 'Arizani tuzatish',
    resubmit: 'Tuzatilgan arizani yuborish',
    resubmitted: 'Tuzatilgan ariza yuborildi va qayta koʻrib chiqilmoqda.',
    rejectedOn: 'Arizangiz {date} da rad etildi. Sabab: {reason}.',
    applyAgain: 'Talablarni bajargach, qayta ariza berishingiz mumkin.',
  },
  ru: {
    withdraw: 'Отозвать заявление',
    withdrawConfirm: 'Заявление будет отозвано и не будет рассмотрено. Позже можно подать новое. Продолжить?',
    withdrawn: 'Заявление отозвано.',
    withdrawnOn: 'Ваше заявление от {date} отозвано.',
    askTitle: 'Запросить исправления',
    askFields: 'Что нужно исправить',
    askNote: 'Пояснение заявителю',
    askSubmit: 'Запросить исправления',
    askedOk: 'По заявлению {name} запрошены исправления.',
    pickField: 'Отметьте хотя бы одно сведение.',
    writeNote: 'Напишите пояснение.',
    f_name: 'Наименование организации',
    f_ownFundsUzs: 'Собственные средства',
    f_technicalBase: 'Материально-техническая база',
    'f_dispatch.phone': 'Телефон диспетчерской',
    f_dispatch: 'Режим диспетчерской службы',
    correctionsAsked: 'Проверяющий запросил исправления: {fields}.',
    correctionsNote: 'Пояснение: {note}',
    correctionsDue: 'Направьте исправленное заявление до {date}, иначе в нём будет отказано.',
    correctTitle: 'Исправить заявление',
    resubmit: 'Направить исправленное заявление',
    resubmitted: 'Исправленное заявление направлено и снова рассматривается.',
    rejectedOn: 'В заявлении отказано {date}. Основание: {reason}.',
    applyAgain: 'Выполнив требования, вы можете подать заявление снова.',
  },
  en: {
    withdraw: 'Withdraw the application',
    withdrawConfirm:
      'The application will be withdrawn and not reviewed. You may apply again later. Continue?',
    withdrawn: 'The application was withdrawn.',
    withdrawnOn: 'Your application of {date} was withdrawn.',
    askTitle: 'Request corrections',
    askFields: 'What must be corrected',
    askNote: 'Note to the applicant',
    askSubmit: 'Request corrections',
    askedOk: 'Corrections requested from {name}.',
    pickField: 'Tick at least one item.',
    writeNote: 'Write a note.',
    f_name: 'Organization name',
    f_ownFundsUzs: 'Own funds',
    f_technicalBase: 'Technical base',
    'f_dispatch.phone': 'Dispatch phone',
    f_dispatch: 'Dispatch hours',
    correctionsAsked: 'The reviewer asked for corrections: {fields}.',
    correctionsNote: 'Note: {note}',
    correctionsDue: 'Send the corrected application by {date}, or it will be rejected.',
    correctTitle: 'Correct the application',
    resubmit: 'Send the corrected application',
    resubmitted: 'The corrected application was sent and is under review again.',
    rejectedOn: 'Your application was rejected on {date}. Reason: {reason}.',
    applyAgain: 'Once the requirements are met you may apply again.',
  },
};

/** The fields a reviewer may name, as the verdicts name them. */
const FIELDS = ['name', 'ownFundsUzs', 'technicalBase', 'dispatch.phone', 'dispatch'];
const fieldLabel = (t, f) => t(`f_${f.replace(/\[\d+\].*$/, '')}`);

/** The reviewer's part of a review card: fields to correct and a note. */
export function correctionsRequestForm(ui, a, changed) {
  const { el, t, field } = ui;
  const status = el('div', { 'aria-live': 'polite' });
  // The failing verdicts' fields are ticked to start with: that is usually what must change.
  const failing = new Set(
    a.verdicts.filter((v) => !v.ok && v.field).map((v) => v.field.replace(/\[\d+\].*$/, '')),
  );
  const boxes = el(
    'fieldset',
    {},
    el('legend', {}, t('askFields')),
    ...FIELDS.map((f) =>
      el(
        'label',
        { className: 'check' },
        el('input', { type: 'checkbox', name: 'fields', value: f, checked: failing.has(f) }),
        fieldLabel(t, f),
      ),
    ),
  );
  const note = el('textarea', { name: 'note', rows: 3, maxLength: 2000 });
  const form = el(
    'form',
    { className: 'form', 'data-testid': 'corrections-form', noValidate: true },
    el('h4', {}, t('askTitle')),
    boxes,
    field(t('askNote'), note),
    el('div', { className: 'row' }, el('button', { type: 'submit', className: 'secondary' }, t('askSubmit'))),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = [...form.querySelectorAll('input[name=fields]:checked')].map((i) => i.value);
    const text = note.value.trim();
    const problems = [fields.length === 0 ? t('pickField') : null, text ? null : t('writeNote')].filter(
      Boolean,
    );
    note.setAttribute('aria-invalid', String(!text));
    if (problems.length > 0) {
      status.replaceChildren(el('p', { className: 'form-error', role: 'alert' }, problems.join(' ')));
      return;
    }
    try {
      await ui.request(`/api/v1/register/applications/${a.id}/corrections`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields, note: text }),
      });
      changed(t('askedOk', { name: a.name }));
    } catch (error) {
      status.replaceChildren(ui.problemNode(error));
    }
  });
  return form;
}

/** What the applicant reads about corrections asked of them, and the form to send them. */
export function correctionsAsked(ui, latest, changed) {
  const { el, t, field } = ui;
  const c = latest.corrections ?? { fields: [], note: '' };
  const fields = [...new Set(c.fields.map((f) => fieldLabel(t, f)))].join(', ');
  const request = el(
    'div',
    { className: 'hint', 'data-testid': 'corrections-asked', role: 'note' },
    el('p', {}, t('correctionsAsked', { fields })),
    c.note ? el('p', {}, t('correctionsNote', { note: c.note })) : null,
    latest.correctionsDueAt
      ? el(
          'p',
          { 'data-testid': 'corrections-due' },
          t('correctionsDue', { date: ui.dateOf(latest.correctionsDueAt) }),
        )
      : null,
  );
  const input = (name, props) => el('input', { name, ...props });
  const status = el('div', { 'aria-live': 'polite' });
  const form = el(
    'form',
    { className: 'form', 'data-testid': 'resubmit-form', noValidate: true },
    el('h3', {}, t('correctTitle')),
    field(t('orgName'), input('name', { value: latest.name, maxLength: 300 })),
    field(
      t('ownFunds'),
      input('ownFundsUzs', { type: 'number', min: 0, step: 1000, value: latest.ownFundsUzs }),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, t('dispatch')),
      field(
        t('hoursPerDay'),
        input('hoursPerDay', { type: 'number', min: 0, max: 24, value: latest.dispatch.hoursPerDay }),
      ),
      field(
        t('daysPerWeek'),
        input('daysPerWeek', { type: 'number', min: 0, max: 7, value: latest.dispatch.daysPerWeek }),
      ),
      field(t('dispatchPhone'), input('dispatchPhone', { type: 'tel', value: latest.dispatch.phone ?? '' })),
    ),
    el('div', { className: 'row' }, el('button', { type: 'submit' }, t('resubmit'))),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const funds = String(data.get('ownFundsUzs')).trim();
    const body = {
      name: String(data.get('name')).trim(),
      ...(funds === '' ? {} : { ownFundsUzs: Number(funds) }),
      dispatch: {
        hoursPerDay: Number(data.get('hoursPerDay')),
        daysPerWeek: Number(data.get('daysPerWeek')),
        phone: String(data.get('dispatchPhone')).trim() || null,
      },
    };
    try {
      await ui.request(`/api/v1/register/applications/${latest.id}/resubmit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      changed(t('resubmitted'));
    } catch (error) {
      status.replaceChildren(ui.problemNode(error));
    }
  });
  return [request, form];
}

/** A rejected application's date and reason, above the form to apply again. */
export function rejectionNotice(ui, latest) {
  const { el, t } = ui;
  return el(
    'div',
    { className: 'hint', 'data-testid': 'rejection', role: 'note' },
    el(
      'p',
      {},
      t('rejectedOn', {
        date: ui.dateOf(latest.decidedAt ?? latest.submittedAt),
        reason: t(latest.reason ?? 'requirements_not_met'),
      }),
    ),
    el('p', {}, t('applyAgain')),
  );
}

/** Taking back an undecided application, after saying what that does. */
export function withdrawButton(ui, latest, changed) {
  const { el, t } = ui;
  const status = el('div', { 'aria-live': 'polite' });
  const button = el(
    'button',
    { type: 'button', className: 'secondary', 'data-testid': 'withdraw' },
    t('withdraw'),
  );
  button.addEventListener('click', async () => {
    if (!window.confirm(t('withdrawConfirm'))) return;
    try {
      await ui.request(`/api/v1/register/applications/${latest.id}/withdraw`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      changed(t('withdrawn'));
    } catch (error) {
      status.replaceChildren(ui.problemNode(error));
    }
  });
  return el('div', { className: 'row' }, button, status);
}
