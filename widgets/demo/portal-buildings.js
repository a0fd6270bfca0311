// The district's counts by condition class next to the building card: whenever the card loads a
// building, <mu-district-summary> shows that building's district. Only the widgets' public
// surface (the mu-building-loaded event, attributes); the token comes from configure().

/** Call once; places the summary right after the card and follows the card from then on. */
export function installBuildings() {
  const card = document.querySelector('#building-card');
  if (!card) return;
  const summary = document.createElement('mu-district-summary');
  summary.id = 'district-summary';
  summary.dataset.testid = 'district-summary';
  summary.setAttribute('heading-level', '3');
  summary.hidden = true;
  card.after(summary);
  card.addEventListener('mu-building-loaded', (event) => {
    const districtId = event.detail.building.district?.id;
    summary.hidden = !districtId;
    if (districtId) summary.setAttribute('district-id', districtId);
  });
  // Another persona or no selection: the card is emptied, so is the summary.
  new MutationObserver(() => {
    if (!card.hasAttribute('building-id')) {
      summary.hidden = true;
      summary.removeAttribute('district-id');
    }
  }).observe(card, { attributes: true, attributeFilter: ['building-id'] });
}
