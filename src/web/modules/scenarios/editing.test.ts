import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../shared/scenario-rules.ts';
import { blankScenario, duplicateInject, freshId, injectIndexOf, move, newInject, shiftInjects } from './editing.ts';

describe('scenario editing helpers', () => {
  it('adds, duplicates, moves and shifts injects', () => {
    const doc = blankScenario();
    const a = newInject(doc);
    const b = newInject({ ...doc, injects: [a] });
    expect(b.number).toBe(2);
    expect(b.offsetMinutes).toBe(15);
    const dup = duplicateInject([a, b], 0);
    expect(dup.map((i) => i.number)).toEqual([1, 3, 2]);
    expect(new Set(dup.map((i) => i.id)).size).toBe(3);
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
    const shifted = shiftInjects([a, b], new Set([b.id]), -30);
    expect(shifted.map((i) => i.offsetMinutes)).toEqual([0, 0]);
    expect(freshId('team', [{ id: 'team-1' }])).toBe('team-2');
    expect(injectIndexOf('injects[12].title.fr')).toBe(12);
    expect(injectIndexOf('title.en')).toBeNull();
  });

  it('starts from a blank scenario the rules can check', () => {
    const problems = validateScenario(blankScenario());
    expect(problems.map((p) => p.path)).toContain('title.en');
  });
});
