import { describe, expect, it } from 'vitest';
import { requiredUbuntuLts } from './lts-calendar.js';

describe('requiredUbuntuLts', () => {
  it('asks for YY.04 of an even year from May on, and of the year before in odd years', () => {
    expect(requiredUbuntuLts('2026-05-01')).toMatchObject({ current: '26.04', accepted: ['26.04'], grace: false });
    expect(requiredUbuntuLts('2026-12-03')).toMatchObject({ current: '26.04', accepted: ['26.04'] });
    expect(requiredUbuntuLts('2027-01-01')).toMatchObject({ current: '26.04', accepted: ['26.04'], grace: false });
    expect(requiredUbuntuLts('2027-12-31')).toMatchObject({ current: '26.04', accepted: ['26.04'] });
    expect(requiredUbuntuLts('2100-06-01')).toMatchObject({ current: '00.04' });
  });

  it('accepts the previous LTS until the end of April of an LTS year', () => {
    expect(requiredUbuntuLts('2026-01-01')).toMatchObject({ current: '26.04', accepted: ['26.04', '24.04'], grace: true });
    expect(requiredUbuntuLts('2026-04-30')).toMatchObject({ accepted: ['26.04', '24.04'], grace: true });
    expect(requiredUbuntuLts('2028-03-15')).toMatchObject({ accepted: ['28.04', '26.04'] });
  });

  it("names what the official code's arithmetic asks for: the current year's YY.04, no grace", () => {
    expect(requiredUbuntuLts('2027-06-01').officialCodeDemand).toBe('27.04');
    expect(requiredUbuntuLts('2026-02-01').officialCodeDemand).toBe('26.04');
  });
});
