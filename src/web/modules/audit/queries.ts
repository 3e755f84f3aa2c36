/** Query keys and read hooks of the audit module. */
import { useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditOutcome } from '../../../shared/contracts/audit.ts';
import { api } from '../../lib/api.ts';

export type AuditFilter = { action?: string; outcome?: AuditOutcome; objectType?: string; beforeSeq?: number };
export type AuditPage = { entries: AuditEntry[]; nextBeforeSeq: number | null };

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  page: (filter: AuditFilter) => ['audit', 'page', filter] as const,
};

/** One page of the audit log, newest first (admin only). */
export function useAuditPage(filter: AuditFilter) {
  return useQuery({
    queryKey: auditKeys.page(filter),
    queryFn: () => api.get<AuditPage>('/audit', { ...filter, limit: AUDIT_PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
}
