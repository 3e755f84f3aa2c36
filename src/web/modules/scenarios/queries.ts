/** Query keys and read hooks of the scenarios module. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Scenario, ScenarioSummary, librarySummarySchema } from '../../../shared/contracts/scenarios.ts';
import { api } from '../../lib/api.ts';

export type LibraryEntry = z.infer<typeof librarySummarySchema>;

export const scenarioKeys = {
  all: ['scenarios'] as const,
  list: ['scenarios', 'list'] as const,
  one: (id: string) => ['scenarios', 'one', id] as const,
  library: ['scenario-library'] as const,
};

/** Scenarios the user may read. */
export function useScenarios(enabled = true) {
  return useQuery({ queryKey: scenarioKeys.list, queryFn: () => api.get<ScenarioSummary[]>('/scenarios'), enabled });
}

/** One scenario with its document and the server's problems. */
export function useScenario(id: string | null) {
  return useQuery({
    queryKey: scenarioKeys.one(id ?? ''),
    queryFn: () => api.get<Scenario>(`/scenarios/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

/** The scenarios shipped with the product. */
export function useScenarioLibrary() {
  return useQuery({ queryKey: scenarioKeys.library, queryFn: () => api.get<LibraryEntry[]>('/scenario-library') });
}
