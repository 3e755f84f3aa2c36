/** The threat picture: actors, intrusion sets and campaigns, and a search across the picture. */
import { Anchor, Button, Code, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StixSummary } from '../../../shared/contracts/threats.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMe } from '../accounts/queries.ts';
import { useRegister, useThreatSearch } from './queries.ts';

/** True when the user may import STIX bundles. */
export function useCanImportThreats(): boolean {
  const me = useMe();
  return me.roles.includes('analyst') || me.roles.includes('admin');
}

/** The page of one STIX object in the web app. */
export const actorPath = (id: string) => `/threats/actors/${encodeURIComponent(id)}`;

/** Types whose page shows techniques and drafts scenarios. */
const ACTOR_TYPES = new Set(['threat-actor', 'intrusion-set', 'campaign']);

function RegisterTable({ kind, headingId }: { kind: 'actors' | 'campaigns'; headingId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const list = useRegister(kind);
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} size="h3" mb="sm">
        {t(kind === 'actors' ? 'threats.actors' : 'threats.campaigns')}
      </Title>
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('threats.none')}</Text> : null}
      {list.data && list.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('threats.name')}</Table.Th>
                <Table.Th scope="col">{t('threats.type')}</Table.Th>
                <Table.Th scope="col">{t('marking.label')}</Table.Th>
                <Table.Th scope="col">{t('common.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((o: StixSummary) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Anchor component={Link} to={actorPath(o.id)}>
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Code>{o.type}</Code>
                  </Table.Td>
                  <Table.Td>
                    <MarkingBanner marking={o.marking} />
                  </Table.Td>
                  <Table.Td>{labels.dateTime(o.modified)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </section>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const search = useThreatSearch(q);
  if (q.trim().length < 2) return null;
  return (
    <section aria-labelledby="threat-search-results" aria-live="polite">
      <Title order={2} id="threat-search-results" size="h3" mb="sm">
        {t('threats.searchResults')}
      </Title>
      <ErrorAlert error={search.error} />
      {search.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {search.data && search.data.hits.length === 0 ? <Text c="dimmed">{t('threats.noHits')}</Text> : null}
      {search.data && search.data.hits.length > 0 ? (
        <ul>
          {search.data.hits.map((h) => (
            <li key={`${h.kind}-${h.id}`}>
              {h.kind === 'stix' && ACTOR_TYPES.has(h.type) ? (
                <Anchor component={Link} to={actorPath(h.id)}>
                  {h.title}
                </Anchor>
              ) : (
                <Text span>{h.title}</Text>
              )}{' '}
              <Code>{h.type}</Code>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The threat picture page. */
export function ThreatsPage() {
  const { t } = useTranslation();
  const canImport = useCanImportThreats();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  return (
    <>
      <PageHeader
        title={t('threats.title')}
        description={t('threats.intro')}
        actions={
          canImport ? (
            <Button component={Link} to="/threats/import">
              {t('threats.importBundle')}
            </Button>
          ) : null
        }
      />
      <Stack gap="xl">
        <Stack gap="sm">
          <TextInput
            type="search"
            label={t('threats.search')}
            description={t('threats.searchHint')}
            maw={480}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <SearchResults q={debounced} />
        </Stack>
        <RegisterTable kind="actors" headingId="threat-actors" />
        <RegisterTable kind="campaigns" headingId="threat-campaigns" />
      </Stack>
    </>
  );
}
