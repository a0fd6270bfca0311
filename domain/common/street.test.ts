import { describe, expect, it } from 'vitest';
import { streetOf } from './street.ts';

describe('streetOf', () => {
  it('reads the street of an address up to its house number', () => {
    expect(streetOf("Navoiy ko'chasi, 12")).toBe("navoiy ko'chasi");
    expect(streetOf('ул. Навои, д. 14')).toBe('ул. навои');
    expect(streetOf("Navoiy ko'chasi 12")).toBe("navoiy ko'chasi");
    expect(streetOf('12')).toBeNull();
  });
});
