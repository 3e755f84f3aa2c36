import { describe, expect, it } from 'vitest';
import { uploadType } from './mutations.ts';

describe('uploadType', () => {
  it('sends gzip archives as gzip and the rest as JSON', () => {
    expect(uploadType('enterprise-attack.json.gz')).toBe('application/gzip');
    expect(uploadType('BUNDLE.JSON.GZ')).toBe('application/gzip');
    expect(uploadType('bundle.json')).toBe('application/json');
  });
});
