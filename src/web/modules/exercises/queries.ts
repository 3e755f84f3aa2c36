/** Query keys and read hooks of the exercises module. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Exercise, exerciseSummarySchema } from '../../../shared/contracts/exercises.ts';
import { api } from '../../lib/api.ts';

export type ExerciseSummary = z.infer<typeof exerciseSummarySchema>;

export const exerciseKeys = {
  all: ['exercises'] as const,
  list: ['exercises', 'list'] as const,
  one: (id: string) => ['exercises', 'one', id] as const,
};

/** Exercises the user runs or takes part in. */
export function useExercises() {
  return useQuery({ queryKey: exerciseKeys.list, queryFn: () => api.get<ExerciseSummary[]>('/exercises') });
}

/** One exercise with its participants and problems. */
export function useExercise(id: string) {
  return useQuery({ queryKey: exerciseKeys.one(id), queryFn: () => api.get<Exercise>(`/exercises/${encodeURIComponent(id)}`) });
}
