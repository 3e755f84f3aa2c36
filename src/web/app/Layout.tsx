/** Page frames: the public one (sign-in) and the signed-in shell with header and navigation. */
import { AppShell, Anchor, Badge, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../modules/accounts/queries.ts';
import { useSignOut } from '../modules/accounts/mutations.ts';
import { useLabels } from '../ui/labels.ts';
import { NotificationBell } from '../modules/notifications/NotificationBell.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

function ProductName() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/" fw={700} fz="lg" c="dark" underline="never">
      {t('app.name')}
    </Anchor>
  );
}

/** The frame of the pages shown before sign-in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <ProductName />
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

type NavItem = { to: string; label: string };

/** A section is current on its own pages too (/plans/123 under /plans). */
function isCurrent(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const readsScenarios = me.roles.some((r) => r === 'planner' || r === 'controller' || r === 'evaluator' || r === 'admin');
  const readsThreats = me.roles.some((r) => r === 'analyst' || r === 'advisor' || r === 'planner' || r === 'admin');
  const general: NavItem[] = [
    { to: '/', label: t('nav.home') },
    { to: '/plans', label: t('nav.plans') },
    ...(readsScenarios ? [{ to: '/scenarios', label: t('nav.scenarios') }] : []),
    ...(readsThreats ? [{ to: '/threats', label: t('threats.nav') }] : []),
    { to: '/exercises', label: t('nav.exercises') },
    { to: '/account', label: t('nav.account') },
  ];
  const admin: NavItem[] = me.roles.includes('admin')
    ? [
        { to: '/admin/organisations', label: t('nav.organisations') },
        { to: '/admin/users', label: t('nav.users') },
        { to: '/admin/audit', label: t('nav.audit') },
      ]
    : [];
  const link = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={isCurrent(pathname, item.to)}
      aria-current={pathname === item.to ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
  return (
    <Stack gap="xs">
      <div>{general.map(link)}</div>
      {admin.length > 0 ? (
        <div role="group" aria-labelledby="nav-admin-label">
          <Text id="nav-admin-label" size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>
            {t('nav.administration')}
          </Text>
          {admin.map(link)}
        </div>
      ) : null}
    </Stack>
  );
}

/** The signed-in shell: header with who is signed in, navigation by role, the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const signOut = useSignOut();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  const clearance = t('header.clearanceValue', { level: labels.classification(me.clearance) });
  // After moving to another page, focus its content, as a full page load would for a screen reader.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);
  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
            <ProductName />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} visibleFrom="sm" align="flex-end">
              <Text fw={600} size="sm" data-testid="user-name">
                {me.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {me.organisationName}
              </Text>
            </Stack>
            <Badge variant="outline" color="gray.8" tt="none" size="lg" visibleFrom="sm" title={t('header.clearance')}>
              {clearance}
            </Badge>
            <NotificationBell />
            <LanguageSwitch />
            <Button variant="default" size="compact-md" visibleFrom="sm" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow>
          <Navigation onNavigate={close} />
        </AppShell.Section>
        {/* On small screens the header has no room for who is signed in: it moves here. */}
        <AppShell.Section hiddenFrom="sm" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Stack gap="xs">
            <div>
              <Text fw={600} size="sm">
                {me.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {me.organisationName}
              </Text>
            </div>
            <Text size="sm">{clearance}</Text>
            <Button variant="default" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              {t('header.signOut')}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} ref={mainRef}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
