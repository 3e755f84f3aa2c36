/** Import a STIX 2.1 bundle (JSON or gzip): upload, progress while the job runs, then its summary. */
import { Alert, Anchor, Button, Code, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportSummary } from '../../../shared/contracts/threats.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useRefreshThreats, useStartImport } from './mutations.ts';
import { useImportJob } from './queries.ts';

function Summary({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const types = Object.entries(summary.countsByType).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="import-summary">
      <Title order={2} id="import-summary" size="h3" mb="sm">
        {t('threats.import.summary')}
      </Title>
      <Table maw={520} mb="md">
        <Table.Tbody>
          {(['total', 'created', 'newVersions', 'unchanged', 'olderVersions', 'revokedOrDeprecated', 'skippedCount'] as const).map((k) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">{t(`threats.import.${k}`)}</Table.Th>
              <Table.Td>{summary[k]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4" mb="xs">
        {t('threats.import.byType')}
      </Title>
      <Table maw={520} mb="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('threats.type')}</Table.Th>
            <Table.Th scope="col">{t('threats.import.count')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {types.map(([type, n]) => (
            <Table.Tr key={type}>
              <Table.Td>
                <Code>{type}</Code>
              </Table.Td>
              <Table.Td>{n}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4" mb="xs">
        {t('threats.import.skipped')}
      </Title>
      {summary.skipped.length === 0 ? (
        <Text c="dimmed">{t('threats.import.noneSkipped')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('threats.import.object')}</Table.Th>
              <Table.Th scope="col">{t('threats.import.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.skipped.map((s, i) => (
              <Table.Tr key={`${s.id ?? 'none'}-${i}`}>
                <Table.Td>{s.id ? <Code>{s.id}</Code> : (s.type ?? '—')}</Table.Td>
                <Table.Td>{s.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

/** The import page. */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartImport();
  const job = useImportJob(jobId);
  const refresh = useRefreshThreats();
  const state = job.data?.state;
  useEffect(() => {
    if (state === 'complete') void refresh();
  }, [state, refresh]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setJobId(null);
    start.mutate(file, { onSuccess: (j) => setJobId(j.id) });
  };
  const data = job.data;
  const percent = data && data.total ? Math.round((100 * data.processed) / data.total) : null;
  return (
    <>
      <Anchor component={Link} to="/threats" size="sm">
        {t('threats.back')}
      </Anchor>
      <PageHeader title={t('threats.import.title')} description={t('threats.import.intro')} />
      <Stack gap="lg" maw={720}>
        <form onSubmit={submit}>
          <Stack gap="sm" align="flex-start">
            <label htmlFor="stix-bundle-file">
              <Text fw={500} size="sm">
                {t('threats.import.file')}
              </Text>
            </label>
            <input
              id="stix-bundle-file"
              type="file"
              accept=".json,.gz,application/json,application/gzip"
              aria-describedby="stix-bundle-hint"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
            <Text id="stix-bundle-hint" size="sm" c="dimmed">
              {t('threats.import.fileHint')}
            </Text>
            <Button type="submit" disabled={!file} loading={start.isPending || state === 'running'}>
              {t('threats.import.submit')}
            </Button>
          </Stack>
        </form>
        <ErrorAlert error={start.error} />
        <ErrorAlert error={job.error} />
        {data ? (
          <div aria-live="polite">
            {data.state === 'running' ? (
              <Stack gap="xs">
                <Text>{t('threats.import.running', { processed: data.processed })}</Text>
                {percent !== null ? (
                  <Progress value={percent} aria-label={t('threats.import.progress')} />
                ) : (
                  <Loader aria-label={t('threats.import.progress')} />
                )}
              </Stack>
            ) : null}
            {data.state === 'failed' ? (
              <Alert color="red" variant="light" role="alert" title={t('threats.import.failed')}>
                {data.error}
              </Alert>
            ) : null}
            {data.state === 'complete' ? (
              <Alert color="green" variant="light" title={t('threats.import.complete')} mb="md">
                {t('threats.import.completeBody', { count: data.summary?.total ?? data.processed })}
              </Alert>
            ) : null}
          </div>
        ) : null}
        {data?.state === 'complete' && data.summary ? <Summary summary={data.summary} /> : null}
      </Stack>
    </>
  );
}
