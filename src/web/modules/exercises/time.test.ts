import { describe, expect, it } from 'vitest';
import { localInput, zonedIso } from './time.ts';

describe('zoned times', () => {
  it('gives the offset in force at that wall-clock time', () => {
    expect(zonedIso('2027-04-12T09:00', 'America/Toronto')).toBe('2027-04-12T09:00:00-04:00');
    expect(zonedIso('2027-01-12T09:00', 'America/Toronto')).toBe('2027-01-12T09:00:00-05:00');
    expect(zonedIso('2027-01-12T09:00', 'America/St_Johns')).toBe('2027-01-12T09:00:00-03:30');
    expect(zonedIso('2027-01-12T09:00', 'UTC')).toBe('2027-01-12T09:00:00+00:00');
    expect(zonedIso('not a time', 'UTC')).toBeNull();
  });

  it('shows an instant on the zone wall clock', () => {
    expect(localInput('2027-04-12T13:00:00Z', 'America/Toronto')).toBe('2027-04-12T09:00');
  });
});
