// The demo's terms: under the law a lot's owners have 30 days to see organizations apply, 10 days'
// notice and a 14-day vote, so nobody watching the demo would see a lot chosen or sent to
// competition. `npm start` (development only) therefore runs the lots' choice and the general
// meetings' notice and vote in minutes, unless LOTS_POLICY or MEETING_POLICY is set; the ready
// banner prints them and the README lists them as "demo terms". Everything else keeps its default.
import type { LotPolicy } from '../../domain/lots/policy.ts';
import type { MeetingPolicy } from '../../domain/meetings/policy.ts';

const MINUTE_IN_DAYS = 1 / 1440;

export const DEMO_LOTS_TERMS = {
  applicationDays: 3 * MINUTE_IN_DAYS,
  votingDays: 3 * MINUTE_IN_DAYS,
  competitionDays: 5 * MINUTE_IN_DAYS,
  resultPollMinutes: 0.25,
} as const satisfies Partial<LotPolicy>;

export const DEMO_MEETING_TERMS = {
  noticeDays: MINUTE_IN_DAYS,
  votingMinDays: 3 * MINUTE_IN_DAYS,
} as const satisfies Partial<MeetingPolicy>;

/**
 * The environment with the demo terms filled in where the deployment set none, and the banner's
 * words for what was filled in (empty outside development or when both were set).
 */
export function withDemoTerms(env: Record<string, string | undefined>): {
  env: Record<string, string | undefined>;
  banner: string[];
} {
  const mode = env.NODE_ENV || 'development';
  if (mode !== 'development') return { env, banner: [] };
  const out = { ...env };
  const banner: string[] = [];
  if (!env.LOTS_POLICY) {
    out.LOTS_POLICY = JSON.stringify(DEMO_LOTS_TERMS);
    banner.push('lots: applications 3 min, vote 3 min, competition 5 min');
  }
  if (!env.MEETING_POLICY) {
    out.MEETING_POLICY = JSON.stringify(DEMO_MEETING_TERMS);
    banner.push('meetings: notice 1 min, shortest vote 3 min');
  }
  return { env: out, banner };
}
