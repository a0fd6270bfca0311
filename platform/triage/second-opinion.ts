// The one place that speaks to the language model a deployment may configure for a second opinion
// on unsure triages (TRIAGE_LLM_URL): an OpenAI-compatible chat completion.
//
//   POST {TRIAGE_LLM_URL}/v1/chat/completions
//     Authorization: Bearer {TRIAGE_LLM_KEY}            when a key is configured
//     { model?, messages: [{ role, content }], temperature: 0, response_format: { type: "json_object" } }
//   200 { model?, choices: [{ message: { content: "<one JSON object>" } }] }
//
// Any failure (no answer within the timeout, a non-2xx, an answer that is not a suggestion) throws:
// the caller ignores it, because the suggestion is never required.
import {
  parseSecondOpinion,
  secondOpinionPrompt,
  type TriageSuggestion,
} from '../../domain/dispatch/second-opinion.ts';

export interface SecondOpinionConfig {
  url?: string;
  model?: string;
  key?: string;
  timeoutMs: number;
}

export interface SecondOpinion {
  suggest(text: string): Promise<TriageSuggestion>;
}

/** The configured model's client, or null when no TRIAGE_LLM_URL is set. */
export function secondOpinionOf(config: SecondOpinionConfig): SecondOpinion | null {
  const { url, model, key, timeoutMs } = config;
  if (!url) return null;
  const endpoint = `${url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/chat/completions`;
  return {
    async suggest(text) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(key ? { Authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({
          // Unset: the server's own model (llama.cpp and others serve one and ignore the name).
          ...(model ? { model } : {}),
          messages: secondOpinionPrompt(text),
          temperature: 0,
          response_format: { type: 'json_object' },
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`the triage model answered ${res.status}`);
      const body = (await res.json()) as {
        model?: unknown;
        choices?: { message?: { content?: unknown } }[];
      };
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new Error('the triage model answered no message');
      const named = typeof body.model === 'string' && body.model ? body.model : (model ?? 'unnamed');
      const suggestion = parseSecondOpinion(content, named, Date.now());
      if (!suggestion) throw new Error('the triage model answered no category and urgency from the lists');
      return suggestion;
    },
  };
}
