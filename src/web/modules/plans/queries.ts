/** Query keys and read hooks of the plans module. */
import { useQuery } from '@tanstack/react-query';
import type { Plan, PlanSummary, PLAN_KINDS } from '../../../shared/contracts/plans.ts';
import { api } from '../../lib/api.ts';

export type PlanKind = (typeof PLAN_KINDS)[number];
export type PlanVersionSummary = {
  version: number;
  title: { en: string; fr: string };
  changeNote: string;
  authorUserId: string;
  createdAt: string;
};

export const planKeys = {
  all: ['plans'] as const,
  list: (kind: PlanKind | null) => ['plans', 'list', kind] as const,
  one: (id: string) => ['plans', 'one', id] as const,
  versions: (id: string) => ['plans', 'versions', id] as const,
  version: (id: string, version: number) => ['plans', 'version', id, version] as const,
};

const path = (id: string) => `/plans/${encodeURIComponent(id)}`;

/** Plans the user may read, optionally of one kind. */
export function usePlans(kind: PlanKind | null) {
  return useQuery({ queryKey: planKeys.list(kind), queryFn: () => api.get<PlanSummary[]>('/plans', { kind }) });
}

/** The current version of one plan. */
export function usePlan(id: string) {
  return useQuery({ queryKey: planKeys.one(id), queryFn: () => api.get<Plan>(path(id)) });
}

/** Every version of a plan, newest first as the server gives them. */
export function usePlanVersions(id: string) {
  return useQuery({ queryKey: planKeys.versions(id), queryFn: () => api.get<PlanVersionSummary[]>(`${path(id)}/versions`) });
}

/** One past version of a plan (null: none chosen). */
export function usePlanVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: planKeys.version(id, version ?? 0),
    queryFn: () => api.get<Plan>(`${path(id)}/versions/${version ?? 0}`),
    enabled: version !== null,
  });
}
