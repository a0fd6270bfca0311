import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_POLICY as policy, resolveNotificationPolicy } from './policy.ts';
import { type Attempt, nextStep, routeFor } from './routing.ts';
import type { Contacts, Preferences } from './types.ts';

const everywhere: Contacts = {
  email: 'a@b.uz',
  phone: '+998901234567',
  telegramChatId: '42',
  unreachable: [],
};
const prefs = (p: Partial<Preferences> = {}): Preferences => ({
  order: ['email'],
  language: 'uz',
  optOut: false,
  ...p,
});
const t0 = new Date('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('routing', () => {
  it('sends a non-legal message once, by the first preferred channel that reaches', () => {
    expect(routeFor(policy, 'receipt', prefs({ order: ['sms', 'email'] }), everywhere)).toEqual({
      channels: ['sms'],
    });
    const noPhone = { ...everywhere, phone: null };
    expect(routeFor(policy, 'receipt', prefs({ order: ['sms', 'email'] }), noPhone)).toEqual({
      channels: ['email'],
    });
  });

  it('honours an opt-out for everything but legal notices', () => {
    expect(routeFor(policy, 'receipt', prefs({ optOut: true }), everywhere)).toEqual({
      channels: [],
      skipped: 'opted_out',
    });
    expect(routeFor(policy, 'meeting_notice', prefs({ optOut: true }), everywhere).channels[0]).toBe('email');
  });

  it('sends a legal notice by the preferred order, then every other channel that reaches', () => {
    expect(routeFor(policy, 'debt_claim', prefs({ order: ['email'] }), everywhere)).toEqual({
      channels: ['email', 'telegram', 'sms'],
    });
  });

  it('skips a channel that told us the person is not there', () => {
    const blocked = { ...everywhere, unreachable: ['telegram' as const] };
    expect(routeFor(policy, 'meeting_notice', null, blocked)).toEqual({ channels: ['sms', 'email'] });
  });

  it('uses the default order for a person who chose none', () => {
    expect(routeFor(policy, 'receipt', null, everywhere)).toEqual({ channels: ['telegram'] });
  });

  it('finds no route for a person with no verified contact', () => {
    const nobody: Contacts = { email: null, phone: null, telegramChatId: null, unreachable: [] };
    expect(routeFor(policy, 'meeting_notice', null, nobody)).toEqual({
      channels: [],
      skipped: 'unreachable',
    });
  });
});

describe('fallback', () => {
  const route = ['telegram', 'sms', 'email'] as const;
  const attempt = (channel: Attempt['channel'], state: Attempt['state'], minutes = 0): Attempt => ({
    channel,
    state,
    queuedAt: at(minutes),
  });

  it('starts with the first channel', () => {
    expect(nextStep(policy, 'meeting_notice', [...route], [], t0)).toEqual({
      kind: 'send',
      channel: 'telegram',
    });
  });

  it('waits for proof until the policy time, then tries the next channel', () => {
    const sms = [attempt('telegram', 'failed'), attempt('sms', 'sent', 1)];
    const due = at(1 + policy.fallbackAfterMinutes.sms);
    expect(nextStep(policy, 'meeting_notice', [...route], sms, at(60))).toEqual({ kind: 'wait', until: due });
    expect(nextStep(policy, 'meeting_notice', [...route], sms, due)).toEqual({
      kind: 'send',
      channel: 'email',
    });
  });

  it('moves on at once when a channel fails', () => {
    expect(nextStep(policy, 'meeting_notice', [...route], [attempt('telegram', 'failed')], t0)).toEqual({
      kind: 'send',
      channel: 'sms',
    });
  });

  it('is done when any channel delivered, and counts accepted mail unless the policy says not', () => {
    expect(nextStep(policy, 'meeting_notice', [...route], [attempt('telegram', 'delivered')], t0)).toEqual({
      kind: 'done',
    });
    const mail = [attempt('email', 'sent')];
    expect(nextStep(policy, 'meeting_notice', ['email', 'sms'], mail, t0)).toEqual({ kind: 'done' });
    const strict = resolveNotificationPolicy({ mailAcceptedIsDelivered: false });
    expect(
      nextStep(strict, 'meeting_notice', ['email', 'sms'], mail, at(strict.fallbackAfterMinutes.email)),
    ).toEqual({
      kind: 'send',
      channel: 'sms',
    });
  });

  it('prints the owner when every channel failed or there was none', () => {
    const all = [attempt('telegram', 'failed'), attempt('sms', 'failed'), attempt('email', 'bounced')];
    expect(nextStep(policy, 'meeting_notice', [...route], all, t0)).toEqual({ kind: 'print' });
    expect(nextStep(policy, 'meeting_notice', [], [], t0)).toEqual({ kind: 'print' });
  });

  it('never falls back for a non-legal message', () => {
    expect(nextStep(policy, 'receipt', ['telegram'], [attempt('telegram', 'sent')], at(1e6))).toEqual({
      kind: 'done',
    });
    expect(nextStep(policy, 'receipt', ['telegram'], [attempt('telegram', 'failed')], t0)).toEqual({
      kind: 'give_up',
    });
  });

  it('takes the fallback time from the policy', () => {
    const quick = resolveNotificationPolicy({ fallbackAfterMinutes: { sms: 0.5 } });
    const sms = [attempt('sms', 'sent')];
    expect(nextStep(quick, 'debt_claim', ['sms', 'email'], sms, at(0.5))).toEqual({
      kind: 'send',
      channel: 'email',
    });
    expect(quick.fallbackAfterMinutes.telegram).toBe(policy.fallbackAfterMinutes.telegram);
  });
});
