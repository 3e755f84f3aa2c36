/**
 * Home: a welcome per role saying what the user can do here, links to the admin pages for
 * administrators, and the modules of the product, with those not yet built marked "coming".
 */
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '../../../shared/contracts/accounts.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMe } from '../accounts/queries.ts';
import { AVAILABLE, MODULE_PATHS, PRODUCT_MODULES, ROLE_MODULES, type ProductModule } from './product-modules.ts';

function ModuleStatus({ module }: { module: ProductModule }) {
  const { t } = useTranslation();
  return AVAILABLE.has(module) ? <Tag color="green">{t('home.available')}</Tag> : <Tag color="gray">{t('home.coming')}</Tag>;
}

function AdminLinks() {
  const { t } = useTranslation();
  return (
    <List spacing={4}>
      <List.Item>
        <Anchor component={Link} to="/admin/organisations">
          {t('nav.organisations')}
        </Anchor>
      </List.Item>
      <List.Item>
        <Anchor component={Link} to="/admin/users">
          {t('nav.users')}
        </Anchor>
      </List.Item>
      <List.Item>
        <Anchor component={Link} to="/admin/audit">
          {t('nav.audit')}
        </Anchor>
      </List.Item>
    </List>
  );
}

function RoleCard({ role }: { role: Role }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Card withBorder radius="md" padding="lg" data-testid={`role-card-${role}`}>
      <Title order={3} size="h4" mb="xs">
        {labels.role(role)}
      </Title>
      <Text mb="sm">{t(`home.roleIntro.${role}`)}</Text>
      {role === 'admin' ? (
        <AdminLinks />
      ) : (
        <List spacing={4}>
          {ROLE_MODULES[role].map((m) => (
            <List.Item key={m}>
              <Group gap="xs">
                {MODULE_PATHS[m] ? (
                  <Anchor component={Link} to={MODULE_PATHS[m]}>
                    {t(`modules.${m}.name`)}
                  </Anchor>
                ) : (
                  <Text span>{t(`modules.${m}.name`)}</Text>
                )}
                <ModuleStatus module={m} />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

/** The signed-in home page. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="xl">
      <PageHeader title={t('home.welcome', { name: me.displayName })} description={t('home.intro')} />
      <section aria-labelledby="home-roles">
        <Title order={2} id="home-roles" size="h3" mb="sm">
          {t('home.yourWork')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {me.roles.map((r) => (
            <RoleCard key={r} role={r} />
          ))}
        </SimpleGrid>
      </section>
      <section aria-labelledby="home-modules">
        <Title order={2} id="home-modules" size="h3" mb="xs">
          {t('home.modulesTitle')}
        </Title>
        <Text mb="sm">{t('home.modulesIntro')}</Text>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            {PRODUCT_MODULES.map((m) => (
              <Group key={m} justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text fw={600}>{t(`modules.${m}.name`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`modules.${m}.summary`)}
                  </Text>
                </div>
                <ModuleStatus module={m} />
              </Group>
            ))}
          </Stack>
        </Card>
      </section>
    </Stack>
  );
}
