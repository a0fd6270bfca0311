import { describe, expect, it } from 'vitest';
import { applyDeliveryEvent } from './delivery.ts';

describe('delivery states', () => {
  it('moves queued → sent → delivered', () => {
    const sent = applyDeliveryEvent('queued', { type: 'sent' });
    expect(sent).toEqual({ state: 'sent', changed: true });
    expect(applyDeliveryEvent(sent.state, { type: 'delivered' })).toEqual({
      state: 'delivered',
      changed: true,
    });
  });

  it('takes a repeated report as no change', () => {
    expect(applyDeliveryEvent('delivered', { type: 'delivered' })).toEqual({
      state: 'delivered',
      changed: false,
    });
  });

  it('ignores a send recorded after the delivery report overtook it', () => {
    expect(applyDeliveryEvent('delivered', { type: 'sent' })).toEqual({ state: 'delivered', changed: false });
  });

  it('never leaves failed', () => {
    expect(applyDeliveryEvent('failed', { type: 'delivered' })).toEqual({ state: 'failed', changed: false });
    expect(applyDeliveryEvent('bounced', { type: 'failed', reason: 'x' })).toEqual({
      state: 'bounced',
      changed: false,
    });
  });

  it('lets a bounce overturn mail taken as delivered', () => {
    expect(applyDeliveryEvent('delivered', { type: 'bounced', reason: '550' })).toEqual({
      state: 'bounced',
      changed: true,
    });
  });

  it('fails a queued message the channel refused', () => {
    expect(applyDeliveryEvent('queued', { type: 'failed', reason: 'blocked' }).state).toBe('failed');
  });
});
