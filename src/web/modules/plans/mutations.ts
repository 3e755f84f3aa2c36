/** One hook per action of the plans module. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Plan, PlanInput } from '../../../shared/contracts/plans.ts';
import { api } from '../../lib/api.ts';
import { planKeys } from './queries.ts';

/** Create a plan (planner, admin). */
export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PlanInput) => api.post<Plan>('/plans', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  });
}

/** Save a new version of a plan; 409 when someone saved since baseVersion. */
export function useRevisePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, baseVersion, input }: { id: string; baseVersion: number; input: PlanInput }) =>
      api.put<Plan>(`/plans/${encodeURIComponent(id)}`, input, { baseVersion }),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  });
}
