/** The audit log (administrators): filters, newest first with "older" paging, and chain verification. */
import { Alert, Button, Code, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../../shared/contracts/audit.ts';
import { isForbidden } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { NotPermitted } from '../../ui/NotPermitted.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useUsers } from '../accounts/queries.ts';
import { useVerifyAuditChain } from './mutations.ts';
import { useAuditPage, type AuditFilter } from './queries.ts';

const OUTCOME_COLOR: Readonly<Record<AuditOutcome, string>> = { success: 'green', failure: 'orange', denied: 'red' };

function isOutcome(v: string | null): v is AuditOutcome {
  return v !== null && (AUDIT_OUTCOMES as readonly string[]).includes(v);
}

/** The details of an entry, one "key: value" per line. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (!entries.length) return null;
  return (
    <Stack gap={0}>
      {entries.map(([k, v]) => (
        <Text key={k} size="xs" style={{ wordBreak: 'break-word', maxWidth: 360 }}>
          <Text span size="xs" fw={600}>
            {k}
          </Text>
          :{' '}
          <Text span size="xs" ff="monospace">
            {typeof v === 'string' ? v : JSON.stringify(v)}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const verify = useVerifyAuditChain();
  const result = verify.data;
  return (
    <Stack gap="xs" mb="md">
      <Group>
        <Button variant="outline" loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('audit.verify')}
        </Button>
      </Group>
      <ErrorAlert error={verify.error} />
      <div role="status" aria-live="polite">
        {result ? (
          result.ok ? (
            <Alert color="green" variant="light" title={t('audit.verifyOk')}>
              {t('audit.verifyOkBody', { count: result.count })}
            </Alert>
          ) : (
            <Alert color="red" variant="light" title={t('audit.verifyBroken')}>
              {t('audit.verifyBrokenBody', { seq: result.brokenSeq ?? '?', count: result.count })}
              {result.reason ? (
                <>
                  {' '}
                  <Code>{result.reason}</Code>
                </>
              ) : null}
            </Alert>
          )
        ) : null}
      </div>
    </Stack>
  );
}

/** The audit log page. */
export function AuditPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [draft, setDraft] = useState<{ action: string; outcome: AuditOutcome | null; objectType: string }>({
    action: '',
    outcome: null,
    objectType: '',
  });
  const [filter, setFilter] = useState<AuditFilter>({});
  /** Cursors of the pages already seen, to go back to newer entries. */
  const [history, setHistory] = useState<(number | undefined)[]>([]);
  const page = useAuditPage(filter);
  const users = useUsers({});
  const nameOf = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));

  if (isForbidden(page.error)) return <NotPermitted />;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setHistory([]);
    setFilter({
      action: draft.action.trim() || undefined,
      outcome: draft.outcome ?? undefined,
      objectType: draft.objectType.trim() || undefined,
    });
  };
  const older = () => {
    if (page.data?.nextBeforeSeq == null) return;
    setHistory([...history, filter.beforeSeq]);
    setFilter({ ...filter, beforeSeq: page.data.nextBeforeSeq });
  };
  const newer = () => {
    const previous = history[history.length - 1];
    setHistory(history.slice(0, -1));
    setFilter({ ...filter, beforeSeq: previous });
  };

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <VerifyChain />
      <form role="search" aria-label={t('audit.filters')} onSubmit={apply}>
        <Group align="flex-end" mb="md">
          <TextInput
            label={t('audit.action')}
            description={t('audit.actionHint')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
          <Select
            label={t('audit.outcome')}
            description={t('audit.outcomeHint')}
            placeholder={t('common.all')}
            clearable
            data={AUDIT_OUTCOMES.map((o) => ({ value: o, label: labels.outcome(o) }))}
            value={draft.outcome}
            onChange={(v) => setDraft({ ...draft, outcome: isOutcome(v) ? v : null })}
          />
          <TextInput
            label={t('audit.objectType')}
            description={t('audit.objectTypeHint')}
            value={draft.objectType}
            onChange={(e) => setDraft({ ...draft, objectType: e.currentTarget.value })}
          />
          <Button type="submit">{t('audit.apply')}</Button>
        </Group>
      </form>
      <ErrorAlert error={page.error} />
      {page.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {page.data ? (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped>
              <Table.Caption>{t('audit.caption', { count: page.data.entries.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.object')}</Table.Th>
                  <Table.Th scope="col">{t('audit.sourceIp')}</Table.Th>
                  <Table.Th scope="col">{t('audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.entries.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{labels.dateTime(e.at)}</Table.Td>
                    <Table.Td>
                      <Code>{e.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Tag color={OUTCOME_COLOR[e.outcome]}>{labels.outcome(e.outcome)}</Tag>
                    </Table.Td>
                    <Table.Td>
                      {e.actorUserId ? (
                        <Text size="xs" title={e.actorUserId}>
                          {nameOf.get(e.actorUserId) ?? e.actorUserId}
                        </Text>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('audit.system')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {e.objectType ? (
                        <Text size="xs">
                          {e.objectType}
                          {e.objectId ? (
                            <Text span ff="monospace" size="xs" display="block">
                              {e.objectId}
                            </Text>
                          ) : null}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{e.sourceIp ?? ''}</Table.Td>
                    <Table.Td>
                      <Details details={e.details} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {page.data.entries.length === 0 ? <Text my="md">{t('audit.empty')}</Text> : null}
          <Group justify="space-between" mt="md">
            <Button variant="default" onClick={newer} disabled={history.length === 0}>
              {t('audit.newer')}
            </Button>
            <Button
              variant="default"
              onClick={older}
              disabled={page.data.nextBeforeSeq == null}
              loading={page.isFetching && !page.isPending}
            >
              {t('audit.older')}
            </Button>
          </Group>
        </>
      ) : null}
    </>
  );
}
