// The protocol read on screen: the same content its PDF is drawn from (decisions per agenda item,
// the votes with their shares, quorum, attempt, dates) in the reader's language, with the SHA-256
// of the PDF bytes that are signed off. A template, not an element: the sign-off shows it.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { CHOICES, type Choice } from '../../domain/meetings/decide.ts';
import type { ProtocolTextView } from '../../domain/meetings/types.ts';
import { percentOf } from '../../domain/meetings/weights.ts';
import { formatDateTime, formatNumber, formatPercent } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { type AgendaMessageKey, agendaMessages } from './agenda-messages.ts';
import { type ResultsMessageKey, resultsMessages } from './results-messages.ts';
import { FORM_TEXT, ITEM_KIND_TEXT, RULE_TEXT } from './vocabulary.ts';

const ANSWER: Readonly<Record<Choice, ResultsMessageKey>> = {
  for: 'protocolFor',
  against: 'protocolAgainst',
  abstain: 'protocolAbstain',
};

export function renderProtocolText(p: ProtocolTextView, lang: Language): TemplateResult {
  const r = (key: ResultsMessageKey, params?: Record<string, string | number>) =>
    translate(resultsMessages, lang, key, params);
  const m = (key: AgendaMessageKey) => translate(agendaMessages, lang, key);
  const d = p.decision;
  // Vote units per whole m² or apartment, as the PDF counts them.
  const per = p.weighting === 'area' ? 100 * p.weightScale : p.weightScale;
  const amount = (units: number) =>
    r(p.weighting === 'area' ? 'unitArea' : 'unitApartments', { n: formatNumber(lang, units / per) });
  const pct = (part: number, whole: number) => formatPercent(lang, percentOf(part, whole));
  const agenda = [...p.agenda].sort((a, b) => a.position - b.position);
  return html`<article part="protocol-text" class="protocol-text" lang=${lang} aria-label=${r('protocolText')}>
    <p><strong>${p.title}</strong><br />${r('protocolAttempt', { n: p.attempt })} · ${m(FORM_TEXT[p.form])}</p>
    <p>${p.addresses.join('; ')}</p>
    <p data-fact="decidedAt">${r('protocolDecidedAt', { date: formatDateTime(lang, p.decidedAt) })}</p>
    <p>${r('protocolSigners', { chair: p.chairName, secretary: p.secretaryName })}</p>
    <p data-fact="participation">
      ${r('protocolParticipation', {
        voted: formatNumber(lang, p.votedOwners, 0),
        eligible: formatNumber(lang, p.eligibleOwners, 0),
        percent: pct(d.participatingWeight, d.totalWeight),
      })}
      ${r('protocolQuorumRule', { share: `${p.quorumShare.numerator}/${p.quorumShare.denominator}` })}
    </p>
    <p data-fact="quorum" data-quorum=${d.quorumReached ? 'reached' : 'missed'}>
      <strong>${r(d.quorumReached ? 'quorumReached' : 'quorumMissed', { percent: pct(d.participatingWeight, d.totalWeight) })}</strong>
    </p>
    <ol class="protocol-items">
      ${agenda.map((item) => {
        const x = d.items.find((i) => i.itemId === item.id);
        if (!x) return html``;
        const cast = x.for + x.against + x.abstain;
        return html`<li data-item-id=${item.id}>
          <strong>${item.title}</strong> (${m(ITEM_KIND_TEXT[item.kind])})<br />
          ${m(RULE_TEXT[x.rule])}
          <ul>
            ${CHOICES.map(
              (c) => html`<li data-answer=${c}>
                ${r('protocolVotes', {
                  answer: r(ANSWER[c]),
                  amount: amount(x[c]),
                  ofCast: pct(x[c], cast),
                  ofAll: pct(x[c], d.totalWeight),
                })}
              </li>`,
            )}
          </ul>
          <strong data-accepted=${String(d.quorumReached && x.accepted)}>
            ${r('outcome', { value: r(d.quorumReached && x.accepted ? 'accepted' : 'notAccepted') })}
          </strong>
        </li>`;
      })}
    </ol>
    <p class="hash">${r('ballotSetHash')}: <code>${p.ballotSetSha256}</code></p>
    <p class="hash" data-fact="pdfSha256">${r('protocolHash')}: <code>${p.pdfSha256}</code></p>
  </article>`;
}
