// The demo's terms (scripts/lib/demo-terms.ts): `npm start` in development runs the lots' choice
// and the meetings' notice and vote in minutes, so a person can watch a lot chosen or sent to
// competition; only where the deployment set no policy, and never outside development.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOT_POLICY } from '../../domain/lots/policy.ts';
import { loadConfig } from '../../platform/config.ts';
import { DEMO_MEETINGS } from '../../scripts/lib/demo-meetings.ts';
import { DEMO_LOTS_TERMS, DEMO_MEETING_TERMS, withDemoTerms } from '../../scripts/lib/demo-terms.ts';

const MINUTE_IN_DAYS = 1 / 1440;

describe('the demo terms', () => {
  it('shorten the lots and the meetings in development, said in the banner, the rest left to the rules', () => {
    const { env, banner } = withDemoTerms({ NODE_ENV: 'development' });
    const config = loadConfig(env);
    expect(config.lots.policy).toEqual({ ...DEFAULT_LOT_POLICY, ...DEMO_LOTS_TERMS });
    expect(config.lots.policy.applicationDays).toBeCloseTo(3 * MINUTE_IN_DAYS);
    expect(config.lots.policy.minApartments).toBe(7000);
    expect(config.meetings.policy).toMatchObject(DEMO_MEETING_TERMS);
    expect(config.meetings.policy.votingMaxDays).toBe(60);
    expect(banner).toEqual([
      'lots: applications 3 min, vote 3 min, competition 5 min',
      'meetings: notice 1 min, shortest vote 3 min',
    ]);
    // npm start with NODE_ENV unset is development too.
    expect(withDemoTerms({}).banner).toHaveLength(2);
  });

  it("leave a deployment's own policy and any other mode alone", () => {
    const own = withDemoTerms({ NODE_ENV: 'development', LOTS_POLICY: '{"applicationDays":10}' });
    expect(loadConfig(own.env).lots.policy.applicationDays).toBe(10);
    expect(own.banner).toEqual(['meetings: notice 1 min, shortest vote 3 min']);
    for (const mode of ['production', 'test']) {
      const { env, banner } = withDemoTerms({ NODE_ENV: mode });
      expect(banner).toEqual([]);
      expect(loadConfig(env).lots.policy).toEqual(DEFAULT_LOT_POLICY);
    }
  });

  it('title the demo meetings without a time left, which a title shown after it (and on a repeat meeting) would belie', () => {
    for (const { title } of DEMO_MEETINGS) expect(title).not.toMatch(/\d+\s*(daqiqa|soat|kun|min)/i);
  });
});
