/** Scenarios: the organisation's scenarios, the library shipped with the product, and file import. */
import { Anchor, Button, Card, FileButton, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { formatOffset } from '../../../shared/scenario-rules.ts';
import { useImportScenario, useInstallLibraryScenario } from './mutations.ts';
import { useScenarioLibrary, useScenarios } from './queries.ts';
import { useCanWriteScenarios } from './ScenarioEditorPage.tsx';

function Library() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const canWrite = useCanWriteScenarios();
  const library = useScenarioLibrary();
  const install = useInstallLibraryScenario();
  return (
    <Stack component="section" aria-labelledby="library-heading" gap="sm">
      <Title order={2} size="h3" id="library-heading">
        {t('scenarios.library')}
      </Title>
      <Text c="dimmed">{t('scenarios.libraryIntro')}</Text>
      <ErrorAlert error={library.error ?? install.error} />
      {library.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
        {(library.data ?? []).map((entry) => (
          <Card key={entry.key} withBorder padding="md">
            <Stack gap="xs" h="100%">
              <Title order={3} size="h5">
                {labels.pick(entry.title)}
              </Title>
              <Group gap="xs">
                <MarkingBanner marking={entry.marking} />
              </Group>
              <Text size="sm">{labels.pick(entry.summary)}</Text>
              <Text size="sm" c="dimmed">
                {t('scenarios.libraryFacts', {
                  kind: labels.scenarioKind(entry.kind),
                  count: entry.injectCount,
                  duration: formatOffset(entry.durationMinutes),
                })}
              </Text>
              {canWrite ? (
                <Group mt="auto">
                  <Button
                    size="compact-md"
                    loading={install.isPending && install.variables === entry.key}
                    onClick={() => install.mutate(entry.key, { onSuccess: (s) => void navigate(`/scenarios/${s.id}`) })}
                    aria-label={t('scenarios.installNamed', { title: labels.pick(entry.title) })}
                  >
                    {t('scenarios.install')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function ImportButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const importScenario = useImportScenario();
  const [readError, setReadError] = useState<unknown>(null);
  const onFile = async (file: File | null) => {
    if (!file) return;
    try {
      const text = await file.text();
      setReadError(null);
      const yaml = /\.ya?ml$/i.test(file.name) || !text.trimStart().startsWith('{');
      importScenario.mutate({ text, yaml }, { onSuccess: (s) => void navigate(`/scenarios/${s.id}`) });
    } catch (err) {
      setReadError(err);
    }
  };
  return (
    <>
      <FileButton onChange={(f) => void onFile(f)} accept=".json,.yaml,.yml,application/json,application/yaml">
        {(props) => (
          <Button variant="default" loading={importScenario.isPending} {...props}>
            {t('scenarios.importFile')}
          </Button>
        )}
      </FileButton>
      {importScenario.error || readError ? (
        <div style={{ flexBasis: '100%' }}>
          <ErrorAlert error={importScenario.error ?? readError} />
        </div>
      ) : null}
    </>
  );
}

/** The scenarios page. */
export function ScenariosPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const canWrite = useCanWriteScenarios();
  const scenarios = useScenarios();
  return (
    <>
      <PageHeader
        title={t('scenarios.title')}
        description={t('scenarios.intro')}
        actions={
          canWrite ? (
            <Group>
              <ImportButton />
              <Button component={Link} to="/scenarios/new">
                {t('scenarios.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Stack gap="xl">
        <Stack component="section" aria-labelledby="own-heading" gap="sm">
          <Title order={2} size="h3" id="own-heading">
            {t('scenarios.yours')}
          </Title>
          <ErrorAlert error={scenarios.error} />
          {scenarios.isPending ? <Loader aria-label={t('app.loading')} /> : null}
          {scenarios.data && scenarios.data.length === 0 ? <Text c="dimmed">{t('scenarios.none')}</Text> : null}
          {scenarios.data && scenarios.data.length > 0 ? (
            <Table.ScrollContainer minWidth={700}>
              <Table striped highlightOnHover>
                <Table.Caption>{t('scenarios.caption', { count: scenarios.data.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('scenarios.scenarioTitle')}</Table.Th>
                    <Table.Th scope="col">{t('scenarios.kind')}</Table.Th>
                    <Table.Th scope="col">{t('marking.label')}</Table.Th>
                    <Table.Th scope="col">{t('scenarios.injectCount')}</Table.Th>
                    <Table.Th scope="col">{t('plans.version')}</Table.Th>
                    <Table.Th scope="col">{t('common.updated')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {scenarios.data.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/scenarios/${s.id}`}>
                          {labels.pick(s.title) || t('scenarios.untitled')}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{labels.scenarioKind(s.kind)}</Table.Td>
                      <Table.Td>
                        <MarkingBanner marking={s.marking} />
                      </Table.Td>
                      <Table.Td>{s.injectCount}</Table.Td>
                      <Table.Td>{s.version}</Table.Td>
                      <Table.Td>{labels.dateTime(s.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Stack>
        <Library />
      </Stack>
    </>
  );
}
