import { describe, expect, it } from 'vitest';
import { fitSms, smsLength, smsText } from './sms.ts';

describe('SMS length', () => {
  it('fits 160 GSM-7 characters in one message and 161 in two', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('counts an extension character as two septets', () => {
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength(`${'a'.repeat(159)}€`).segments).toBe(2);
  });

  it('never splits an escape pair across parts', () => {
    // 152 septets, then € (2): it cannot take the 153rd septet, so it moves to part two.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsLength(text)).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
  });

  it('makes Russian UCS-2: 70 in one, 67 a part', () => {
    expect(smsLength('я'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsLength('я'.repeat(71)).segments).toBe(2);
    expect(smsLength('я'.repeat(134)).segments).toBe(2);
    expect(smsLength('я'.repeat(135)).segments).toBe(3);
  });

  it('turns a whole Latin text to UCS-2 for one character outside the alphabet', () => {
    expect(smsLength(`${'a'.repeat(100)}ʻ`).encoding).toBe('ucs2');
  });

  it('never splits a surrogate pair', () => {
    const text = `${'я'.repeat(66)}😀${'я'.repeat(10)}`;
    expect(smsLength(text)).toEqual({ encoding: 'ucs2', units: 78, segments: 2 });
    expect(smsLength(`${'я'.repeat(66)}😀${'я'.repeat(66)}`).segments).toBe(3);
  });

  it('writes Uzbek oʻ and gʻ with the plain apostrophe so the text stays GSM-7', () => {
    const uz = 'Umumiy yigʻilish 12-dekabr kuni boʻlib oʻtadi';
    expect(smsLength(uz).encoding).toBe('ucs2');
    expect(smsText(uz)).toBe("Umumiy yig'ilish 12-dekabr kuni bo'lib o'tadi");
    expect(smsLength(smsText(uz)).encoding).toBe('gsm7');
  });

  it('cuts a long text to its segments and keeps the link whole', () => {
    const link = 'https://mu.uz/m/1';
    const ru = `Общее собрание собственников. ${'Повестка дня. '.repeat(40)}`;
    const sms = fitSms(ru, 3, link);
    expect(smsLength(sms).segments).toBe(3);
    expect(sms.endsWith(`... ${link}`)).toBe(true);
    expect(sms.startsWith('Общее собрание')).toBe(true);
  });

  it('leaves a text that fits as it is, with its link', () => {
    expect(fitSms('Meeting on 12 December', 1, 'https://mu.uz/m/1')).toBe(
      'Meeting on 12 December https://mu.uz/m/1',
    );
  });
});
