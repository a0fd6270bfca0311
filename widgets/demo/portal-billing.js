// The billing panel of the demo portal: a resident sees their own bills (<mu-my-bills>); the
// management company, the council, the inspector and the admin see the selected building's
// account statement (<mu-building-account>). Only the widgets' public surface: attributes; the
// token comes from configure(), which the portal already calls.

const TEXT = {
  uz: { bills: 'Majburiy badallar va uy hisobi' },
  ru: { bills: 'Взносы и счёт дома' },
  en: { bills: 'Contributions and the building account' },
};

/** Called whenever the portal's view changes (persona, building or language). */
export function renderBilling(ui) {
  const { state } = ui;
  const panel = document.querySelector('#billing-panel');
  if (!panel) return;
  panel.querySelector('#billing-title').textContent = (TEXT[state.lang] ?? TEXT.uz).bills;
  const me = state.me;
  const resident = ui.shows('bills') && me;
  const staff = ui.shows('building-account') && me && state.selected;
  const key = JSON.stringify([
    state.persona?.role ?? null,
    me?.userId ?? null,
    staff ? state.selected : null,
    resident ? state.receiptId : null,
  ]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#billing-content');
  content.replaceChildren();
  panel.hidden = !(resident || staff);
  if (resident) {
    const bills = document.createElement('mu-my-bills');
    bills.dataset.testid = 'my-bills';
    if (state.receiptId) bills.setAttribute('receipt-id', state.receiptId);
    content.append(bills);
  } else if (staff) {
    const account = document.createElement('mu-building-account');
    account.dataset.testid = 'building-account';
    account.setAttribute('building-id', state.selected);
    content.append(account);
  }
}
