/** Query keys and read hooks of the notifications module. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notificationSchema } from '../../../shared/contracts/exercises.ts';
import { api } from '../../lib/api.ts';

export type Notification = z.infer<typeof notificationSchema>;

export const notificationKeys = { all: ['notifications'] as const };

/** The user's notifications, newest first, checked again every minute. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => api.get<Notification[]>('/notifications'),
    refetchInterval: 60_000,
  });
}
