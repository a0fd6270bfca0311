import { describe, expect, it } from 'vitest';
import { parseSecondOpinion, secondOpinionPrompt } from './second-opinion.ts';

describe('the second opinion on a triage', () => {
  it('asks for one JSON object with the lists, and the request text as the user', () => {
    const [system, user] = secondOpinionPrompt('Podyezdda gaz hidi bor');
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('water_leak, no_water');
    expect(system!.content).toContain('routine, urgent, emergency');
    expect(user).toEqual({ role: 'user', content: 'Podyezdda gaz hidi bor' });
  });

  it('reads a suggestion from the answer, fenced or not, and refuses anything else', () => {
    const at = Date.UTC(2027, 0, 1);
    expect(
      parseSecondOpinion('{"category":"gas","urgency":"emergency","reason":" smell "}', 'm', at),
    ).toEqual({
      category: 'gas',
      urgency: 'emergency',
      reason: 'smell',
      model: 'm',
      at,
    });
    expect(
      parseSecondOpinion('```json\n{"category":"yard","urgency":"routine"}\n```', 'm', at),
    ).toMatchObject({
      category: 'yard',
      reason: null,
    });
    expect(parseSecondOpinion('gas, emergency', 'm', at)).toBeNull();
    expect(parseSecondOpinion('{"category":"fire","urgency":"emergency"}', 'm', at)).toBeNull();
    expect(parseSecondOpinion('{"category":"gas","urgency":"now"}', 'm', at)).toBeNull();
    expect(parseSecondOpinion('null', 'm', at)).toBeNull();
  });
});
