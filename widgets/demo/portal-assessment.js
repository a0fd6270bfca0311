// An inspector (or admin) records a condition assessment of the chosen building right under its
// card; once recorded, the card's badge and reasons and the buildings list show the new class.

const $ = (selector) => document.querySelector(selector);

/** Shows the form for the selected building to those who assess, hides it from everyone else. */
export function renderAssessment(ui) {
  const { state } = ui;
  const card = $('#building-card');
  if (!card) return;
  let form = $('#condition-assessment');
  if (!form) {
    form = document.createElement('mu-condition-assessment');
    form.id = 'condition-assessment';
    form.dataset.testid = 'condition-assessment';
    // The card above shows the building's condition, and shows it again once refreshed.
    form.toggleAttribute('without-condition', true);
    card.after(form);
    form.addEventListener('mu-assessment-recorded', () => card.refresh?.());
  }
  const show = ui.shows('assess') && Boolean(state.selected);
  form.hidden = !show;
  if (show) form.setAttribute('building-id', state.selected);
  else form.removeAttribute('building-id');
}
