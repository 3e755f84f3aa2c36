/** One actor, intrusion set or campaign: its techniques by framework, and a scenario drafted from it. */
import { Alert, Anchor, Button, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FRAMEWORKS } from '../../../shared/contracts/threats.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useDraftScenario } from './mutations.ts';
import { useStixObject, useWalk, type Walk } from './queries.ts';

type Technique = Walk['techniques'][number];

function TechniqueTable({ framework, techniques }: { framework: (typeof FRAMEWORKS)[number]; techniques: Technique[] }) {
  const { t } = useTranslation();
  const headingId = `techniques-${framework}`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} id={headingId} size="h4" mb="xs">
        {t(`threats.framework.${framework}`)}
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('threats.techniqueId')}</Table.Th>
            <Table.Th scope="col">{t('threats.techniqueName')}</Table.Th>
            <Table.Th scope="col">{t('threats.systemsAtRisk')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {techniques.map((tech) => (
            <Table.Tr key={tech.id}>
              <Table.Td>{tech.externalId ? <Code>{tech.externalId}</Code> : '—'}</Table.Td>
              <Table.Td>{tech.name}</Table.Td>
              <Table.Td>{tech.systems.length > 0 ? tech.systems.map((s) => s.name).join(', ') : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** The page of one actor. */
export function ActorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const object = useStixObject(id);
  const walk = useWalk(id);
  const draft = useDraftScenario();
  const title = object.data?.name ?? t('threats.actor');
  const techniques = walk.data?.techniques ?? [];
  return (
    <>
      <Anchor component={Link} to="/threats" size="sm">
        {t('threats.back')}
      </Anchor>
      <PageHeader
        title={title}
        actions={
          <Button
            loading={draft.isPending}
            onClick={() => draft.mutate(id, { onSuccess: (scenario) => void navigate(`/scenarios/${scenario.id}`) })}
          >
            {t('threats.draftScenario')}
          </Button>
        }
      />
      <Stack gap="lg">
        <ErrorAlert error={draft.error} title={t('threats.draftFailed')} />
        <ErrorAlert error={object.error} />
        {object.data ? (
          <Group gap="sm">
            <MarkingBanner marking={object.data.marking} />
            <Code>{object.data.type}</Code>
            {object.data.externalId ? <Code>{object.data.externalId}</Code> : null}
          </Group>
        ) : null}
        {typeof object.data?.object.description === 'string' ? <Text>{object.data.object.description}</Text> : null}
        <section aria-labelledby="actor-techniques">
          <Title order={2} id="actor-techniques" size="h3" mb="sm">
            {t('threats.techniques')}
          </Title>
          <ErrorAlert error={walk.error} />
          {walk.isPending ? <Loader aria-label={t('app.loading')} /> : null}
          {walk.data && techniques.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('threats.noTechniques')}
            </Alert>
          ) : null}
          <Stack gap="md">
            {FRAMEWORKS.map((fw) => {
              const list = techniques.filter((tech) => tech.framework === fw);
              return list.length > 0 ? <TechniqueTable key={fw} framework={fw} techniques={list} /> : null;
            })}
          </Stack>
        </section>
      </Stack>
    </>
  );
}
