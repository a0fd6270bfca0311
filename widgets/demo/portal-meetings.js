// The general meetings in the demo portal: <mu-meetings> lists them (a resident's building only),
// <mu-meeting> shows the chosen one with the owner's ballot and the discussion, <mu-meeting-actions>
// offers its staff what they may do to it, <mu-meeting-notice-proof> shows the council, the
// inspection and the admin how each owner was notified, and <mu-meeting-call> calls a new one. The portal only
// places them and passes the chosen meeting from one to the others.
import { renderContractStarts } from './portal-contract-start.js';

export const MEETINGS_TEXT = {
  uz: { meetings: 'Umumiy yigʻilishlar', initiate: 'Umumiy yigʻilish chaqirish' },
  ru: { meetings: 'Общие собрания', initiate: 'Созвать общее собрание' },
  en: { meetings: 'General meetings', initiate: 'Call a general meeting' },
};

const $ = (selector) => document.querySelector(selector);

/** Call once: wires the meeting elements to each other through their events. */
export function installMeetings(ui) {
  const refreshAll = () => {
    $('#meeting').refresh();
    $('#meetings-list').refresh();
  };
  ui.selectMeeting = (id) => select(ui, id);
  $('#meetings-list').addEventListener('mu-meeting-select', (event) => select(ui, event.detail.meetingId));
  call ??= $('#meeting-call');
  call.addEventListener('mu-meeting-called', (event) => {
    $('#meetings-list').refresh();
    select(ui, event.detail.meeting.id);
  });
  $('#meeting-actions').addEventListener('mu-meeting-changed', refreshAll);
  // The meeting as <mu-meeting> last loaded it: a decision may let staff start a contract from it.
  $('#meeting').addEventListener('mu-meeting-loaded', (event) =>
    renderContractStarts(ui, event.detail.meeting),
  );
}

/**
 * Shows or hides a panel with its widget. A hidden widget is taken out of the page: left in, it
 * would still load for a persona who may not see what it asks for, and be refused.
 */
function place(panel, widget, shown) {
  panel.hidden = !shown;
  if (!shown) widget.remove();
  else if (!widget.isConnected) panel.append(widget);
}

// Kept here, since they are out of the page while hidden.
let meetingsList = null;
let call = null;
let noticeProof = null;

export function renderMeetings(ui) {
  const { state } = ui;
  meetingsList ??= $('#meetings-list');
  call ??= $('#meeting-call');
  const shown = Boolean(state.me) && ui.shows('meetings');
  place($('#meetings-panel'), meetingsList, shown);
  place($('#initiate-panel'), call, Boolean(state.me) && ui.shows('call-meeting'));
  // Residents see their building's meetings; staff every meeting in their scope.
  if (state.apartments && state.selected) meetingsList.setAttribute('building-id', state.selected);
  else meetingsList.removeAttribute('building-id');
  if (state.meetingId) meetingsList.setAttribute('selected', state.meetingId);
  else meetingsList.removeAttribute('selected');

  const home = state.persona?.buildingId ?? state.selected;
  if (home) call.setAttribute('building-id', home);
  else call.removeAttribute('building-id');

  const meeting = state.meetingId && shown ? state.meetingId : null;
  $('#meeting-detail').hidden = !meeting;
  for (const widget of [$('#meeting'), $('#meeting-actions')]) {
    if (meeting) widget.setAttribute('meeting-id', meeting);
    else widget.removeAttribute('meeting-id');
  }
  // Only for those the proof is for: another persona would be refused it.
  noticeProof ??= $('#meeting-notice-proof');
  const proof = meeting && ui.shows('notice-proof') ? meeting : null;
  place($('#notice-proof-panel'), noticeProof, Boolean(proof));
  if (proof) noticeProof.setAttribute('meeting-id', proof);
  else noticeProof.removeAttribute('meeting-id');
  renderContractStarts(ui);
}

function select(ui, id) {
  ui.state.meetingId = id;
  ui.remember('meeting', id);
  renderMeetings(ui);
  $('#meeting-detail').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}
