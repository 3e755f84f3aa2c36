/** Query keys and read hooks of the threat picture module. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportJob, StixDetail, searchResultSchema, stixListSchema, walkSchema } from '../../../shared/contracts/threats.ts';
import { api } from '../../lib/api.ts';

export type StixList = z.infer<typeof stixListSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type Walk = z.infer<typeof walkSchema>;

export const threatKeys = {
  all: ['threats'] as const,
  register: (kind: 'actors' | 'campaigns') => ['threats', 'register', kind] as const,
  search: (q: string) => ['threats', 'search', q] as const,
  object: (id: string) => ['threats', 'object', id] as const,
  walk: (id: string) => ['threats', 'walk', id] as const,
  job: (id: string) => ['threats', 'import', id] as const,
};

const objectPath = (id: string) => `/threats/objects/${encodeURIComponent(id)}`;

/** Threat actors and intrusion sets, or campaigns, the user may read. */
export function useRegister(kind: 'actors' | 'campaigns') {
  return useQuery({ queryKey: threatKeys.register(kind), queryFn: () => api.get<StixList>(`/threats/register/${kind}`, { limit: 200 }) });
}

/** Search across the threat picture (from 2 characters). */
export function useThreatSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: threatKeys.search(query),
    queryFn: () => api.get<SearchResult>('/threats/search', { q: query }),
    enabled: query.length >= 2,
  });
}

/** One STIX object with its relationships. */
export function useStixObject(id: string) {
  return useQuery({ queryKey: threatKeys.object(id), queryFn: () => api.get<StixDetail>(objectPath(id)) });
}

/** Actor -> techniques -> systems. */
export function useWalk(id: string) {
  return useQuery({ queryKey: threatKeys.walk(id), queryFn: () => api.get<Walk>(`${objectPath(id)}/walk`) });
}

/** An import job, polled every second while it runs (null: none started). */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: threatKeys.job(id ?? ''),
    queryFn: () => api.get<ImportJob>(`/threats/imports/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.state !== 'running' ? false : 1000),
  });
}
