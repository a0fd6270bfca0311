import { describe, expect, it } from 'vitest';
import { DEFAULT_APPEAL_POLICY } from '../../domain/appeals/policy.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../domain/registry/classification-policy.ts';
import { ConfigError, loadConfig } from '../../platform/config.ts';

/** The issues loadConfig reports for `env`, one string each; fails the test if it accepts it. */
function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  return expect.unreachable(`accepted ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  it('defaults to embedded services when nothing is configured', () => {
    const c = loadConfig({});
    expect(c.database.url).toBeUndefined();
    expect(c.temporal.address).toBeUndefined();
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(c.temporal.namespace).toBe('default');
    expect(c.port).toBe(3000);
  });

  it('names each bad variable and why', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join('\n');
      expect(issues).toMatch(/PORT/);
      expect(issues).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(issues).toMatch(/NODE_ENV/);
    }
  });

  it('turns on TLS for a cluster with an API key, and parses lists', () => {
    const c = loadConfig({
      TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k',
      CORS_ORIGINS: 'https://a.uz, https://b.uz',
    });
    expect(c.temporal.tls?.enabled).toBe(true);
    expect(c.corsOrigins).toEqual(['https://a.uz', 'https://b.uz']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', SMTP_URL: '' }).database.url).toBeUndefined();
  });
});

describe('policy overrides', () => {
  const POLICY_VARS = [
    'MEETING_POLICY',
    'REGISTER_POLICY',
    'CLASSIFICATION_POLICY',
    'TAX_REGISTRATION_POLICY',
    'APPEAL_POLICY',
    'COMMISSIONING_POLICY',
  ];

  it.each(POLICY_VARS)('%s: an unknown key is refused, naming the variable and the key', (name) => {
    expect(issuesOf({ [name]: '{"noSuchSetting":1}' })).toEqual([
      expect.stringMatching(new RegExp(`^${name}\\.noSuchSetting: unknown key; expected one of \\w`)),
    ]);
  });

  it.each(POLICY_VARS)('%s: text that is not JSON is refused, naming the variable', (name) => {
    expect(issuesOf({ [name]: '{noticeDays: 14}' })).toEqual([
      expect.stringMatching(new RegExp(`^${name}: not valid JSON`)),
    ]);
  });

  it.each(POLICY_VARS)('%s: JSON that is not an object is refused', (name) => {
    for (const text of ['[1]', '14', 'null', '"x"']) {
      expect(issuesOf({ [name]: text })).toEqual([
        expect.stringMatching(new RegExp(`^${name}: must be a JSON object`)),
      ]);
    }
  });

  it('a value of the wrong type is refused, naming the key, however deep', () => {
    expect(issuesOf({ MEETING_POLICY: '{"noticeDays":"14"}' })).toEqual([
      'MEETING_POLICY.noticeDays: must be a JSON number, not string',
    ]);
    expect(issuesOf({ APPEAL_POLICY: '{"reminderHoursBeforeDue":[72,"24"]}' })).toEqual([
      'APPEAL_POLICY.reminderHoursBeforeDue.1: must be a JSON number, not string',
    ]);
    expect(issuesOf({ CLASSIFICATION_POLICY: '{"weights":{"roof":null}}' })).toEqual([
      'CLASSIFICATION_POLICY.weights.roof: must be a JSON number, not null',
    ]);
    expect(issuesOf({ COMMISSIONING_POLICY: '{"recorders":{"shown_in_registry":"inspector"}}' })).toEqual([
      'COMMISSIONING_POLICY.recorders.shown_in_registry: must be a list, not string',
    ]);
    expect(issuesOf({ TAX_REGISTRATION_POLICY: '{"daysOff":[]}' })).toEqual([
      'TAX_REGISTRATION_POLICY.daysOff: must be a JSON object, not array',
    ]);
  });

  it('reports every bad key at once, nested keys included', () => {
    const issues = issuesOf({
      MEETING_POLICY: '{"noticeDay":14,"rules":{"ordinary":"majority_of_cast","other":"x"}}',
    });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^MEETING_POLICY\.noticeDay: unknown key; expected one of .*noticeDays/);
    expect(issues[1]).toMatch(/^MEETING_POLICY\.rules\.other: unknown key; expected one of .*capital_repair/);
  });

  it('an object the policy replaces whole must give every key; one it merges may give some', () => {
    expect(issuesOf({ MEETING_POLICY: '{"quorumShare":{"numerator":2}}' })).toEqual([
      'MEETING_POLICY.quorumShare.denominator: missing: this object replaces the default whole',
    ]);
    const c = loadConfig({
      MEETING_POLICY:
        '{"quorumShare":{"numerator":2,"denominator":3},"rules":{"ordinary":"majority_of_all"}}',
    });
    expect(c.meetings.policy.quorumShare).toEqual({ numerator: 2, denominator: 3 });
    expect(c.meetings.policy.rules).toEqual({ ...DEFAULT_MEETING_POLICY.rules, ordinary: 'majority_of_all' });
  });

  it("keeps each policy's merge rules: classification weights merge element by element", () => {
    const c = loadConfig({ CLASSIFICATION_POLICY: '{"yellowWear":35,"weights":{"roof":3}}' });
    expect(c.registry.classificationPolicy).toEqual({
      ...DEFAULT_CLASSIFICATION_POLICY,
      yellowWear: 35,
      weights: { ...DEFAULT_CLASSIFICATION_POLICY.weights, roof: 3 },
    });
  });

  it('merges the appeal calendar by key and takes fractions of days (drills, tests)', () => {
    const c = loadConfig({ APPEAL_POLICY: '{"answerDays":0.0001,"daysOff":{"dates":["2026-03-20"]}}' });
    expect(c.appeals.policy.answerDays).toBe(0.0001);
    expect(c.appeals.policy.daysOff).toEqual({ ...DEFAULT_APPEAL_POLICY.daysOff, dates: ['2026-03-20'] });
    expect(c.appeals.policy.officeHours).toEqual(DEFAULT_APPEAL_POLICY.officeHours);
  });

  it('applies the register, tax-registration and commissioning overrides', () => {
    const c = loadConfig({
      REGISTER_POLICY: '{"minOwnFundsUzs":100000000,"requiredTechnicalBase":["premises"]}',
      TAX_REGISTRATION_POLICY: '{"registrationDays":45}',
      COMMISSIONING_POLICY: '{"deadlineDays":30,"signatures":{"shown_in_registry":["developer"]}}',
    });
    expect(c.register.policy.minOwnFundsUzs).toBe(100_000_000);
    expect(c.register.policy.requiredTechnicalBase).toEqual(['premises']);
    expect(c.contracts.taxPolicy.registrationDays).toBe(45);
    expect(c.commissioning.policy.deadlineDays).toBe(30);
    expect(c.commissioning.policy.signatures.shown_in_registry).toEqual(['developer']);
    expect(c.commissioning.policy.signatures.solar_panels_transferred).toEqual([
      'developer',
      'management_organization',
    ]);
  });
});
