// A second opinion on an unsure triage from a language model, when a deployment configures one:
// what it is asked (the categories, the urgencies and the labelling rules of docs/domain/dispatch.md
// in short, and the request's text) and how its answer is read. It is only a suggestion shown to
// the dispatcher who confirms; it never routes a request and is never required.
import { DISPATCH_CATEGORIES, type DispatchCategory, URGENCIES, type Urgency } from './triage.ts';

export interface TriageSuggestion {
  category: DispatchCategory;
  urgency: Urgency;
  /** The model's one-line reason, if it gave one (trimmed, at most 500 characters). */
  reason: string | null;
  /** The model that answered, as the server named it. */
  model: string;
  /** When it answered, epoch ms. */
  at: number;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

const RULES = [
  'Several problems in one message: the more dangerous one decides; a gas smell anywhere makes it gas/emergency.',
  'emergency: danger to life, health or property now (flooding, gas smell, people stuck in a lift, sparks or smoke, sewage coming into a flat, no heating while it freezes); urgent: within a day; routine: planned work, questions.',
  'no_water is never an emergency; pests and other (neighbours, fees, documents, thanks, questions) are always routine.',
  'Rain through the top-floor ceiling is roof; water from a neighbour or a pipe is water_leak.',
];

/** The messages of an OpenAI-compatible chat completion that asks for one JSON object. */
export function secondOpinionPrompt(text: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You triage requests to the 24-hour dispatch service of a housing management organization in Uzbekistan.',
        'Requests are written in Uzbek (Latin or Cyrillic), Russian or English.',
        `Answer with one JSON object only: {"category": one of ${DISPATCH_CATEGORIES.join(', ')}; "urgency": one of ${URGENCIES.join(', ')}; "reason": one short sentence}.`,
        ...RULES,
      ].join('\n'),
    },
    { role: 'user', content: text },
  ];
}

/**
 * The suggestion in a model's answer, or null when the answer is not one: not JSON (a fenced
 * block is unwrapped), or a category or urgency outside the lists.
 */
export function parseSecondOpinion(content: string, model: string, at: number): TriageSuggestion | null {
  const body = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/```$/, '')
    .trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { category, urgency, reason } = parsed as Record<string, unknown>;
  if (!(DISPATCH_CATEGORIES as readonly unknown[]).includes(category)) return null;
  if (!(URGENCIES as readonly unknown[]).includes(urgency)) return null;
  return {
    category: category as DispatchCategory,
    urgency: urgency as Urgency,
    reason: typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 500) : null,
    model,
    at,
  };
}
