import { describe, expect, it } from 'vitest';
import { fieldId, fieldIdCandidates, groupedOptions, idProblem, problemTarget, selectOptions, TECHNIQUE_ID } from './design.ts';

describe('scenario design helpers', () => {
  it('checks identifiers as they are typed', () => {
    expect(idProblem([{ id: 'objective-1' }], 0)).toBeNull();
    expect(idProblem([{ id: 'Objective 1' }], 0)).toBe('format');
    expect(idProblem([{ id: '' }], 0)).toBe('format');
    expect(idProblem([{ id: 'a' }, { id: 'a' }], 1)).toBe('duplicate');
    expect(TECHNIQUE_ID.test('T1566.001')).toBe(true);
    expect(TECHNIQUE_ID.test('T0023')).toBe(true);
    expect(TECHNIQUE_ID.test('T156')).toBe(false);
    expect(TECHNIQUE_ID.test('t1566')).toBe(false);
  });

  it('builds options Mantine accepts, keeping dangling references visible', () => {
    const opts = selectOptions(
      [
        { value: 'a', label: 'A' },
        { value: 'a', label: 'A again' },
        { value: '', label: 'empty' },
      ],
      ['gone'],
      (id) => `${id}?`,
    );
    expect(opts).toEqual([
      { value: 'a', label: 'A' },
      { value: 'gone', label: 'gone?' },
    ]);
    const groups = groupedOptions(
      [
        { group: 'G1', items: [{ value: 't', label: 'T' }] },
        { group: 'G2', items: [{ value: 't', label: 'T2' }] },
      ],
      'x',
      (id) => `${id}?`,
    );
    expect(groups).toEqual([
      { group: 'G1', items: [{ value: 't', label: 'T' }] },
      { group: 'x?', items: [{ value: 'x', label: 'x?' }] },
    ]);
  });

  it('maps problem paths to the editor part and field that show them', () => {
    expect(fieldId('sharingRules[2].knownTo')).toBe('sd-sharingRules-2-knownTo');
    expect(fieldIdCandidates('objectives[0].capabilities[1].name.fr')).toEqual([
      'sd-objectives-0-capabilities-1-name-fr',
      'sd-objectives-0-capabilities-1-name',
      'sd-objectives-0-capabilities-1',
      'sd-objectives-0-capabilities',
      'sd-objectives-0',
      'sd-objectives',
    ]);
    expect(problemTarget('injects[3].expectedActions[1].taskId')).toEqual({ kind: 'action', index: 3, action: 1 });
    expect(problemTarget('injects[3].title.fr')).toEqual({ kind: 'inject', index: 3 });
    expect(problemTarget('objectives[0].title.fr')).toEqual({ kind: 'section', section: 'objectives' });
    expect(problemTarget('sharingRules[1].notify[0]')).toEqual({ kind: 'section', section: 'sharingRules' });
    expect(problemTarget('teams[0].roles[0].name.en')).toEqual({ kind: 'section', section: 'teams' });
    expect(problemTarget('title.en')).toBeNull();
  });
});
