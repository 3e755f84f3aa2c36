/** The bell in the header: how many notifications are unread, and a list linking to what they are about. */
import { Button, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLabels } from '../../ui/labels.ts';
import { useMarkNotificationRead } from './mutations.ts';
import { useNotifications, type Notification } from './queries.ts';

function target(n: Notification): string | null {
  switch (n.objectType) {
    case 'exercise':
      return `/exercises/${n.objectId}`;
    case 'scenario':
      return `/scenarios/${n.objectId}`;
    case 'plan':
      return `/plans/${n.objectId}`;
    default:
      return null;
  }
}

/** The bell and its list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const [opened, setOpened] = useState(false);
  const list = notifications.data ?? [];
  const unread = list.filter((n) => n.readAt === null).length;
  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    setOpened(false);
    const to = target(n);
    if (to) void navigate(to);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} withinPortal={false} shadow="md">
      <Popover.Target>
        <Button
          variant="default"
          size="compact-md"
          onClick={() => setOpened((o) => !o)}
          aria-label={t('notifications.bell', { count: unread })}
          aria-expanded={opened}
          data-testid="notification-bell"
        >
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
            />
          </svg>
          {unread > 0 ? (
            <Text span fw={700} ml={4} aria-hidden="true">
              {unread}
            </Text>
          ) : null}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4} role="list" aria-label={t('notifications.title')}>
          {list.length === 0 ? <Text size="sm">{t('notifications.none')}</Text> : null}
          {list.slice(0, 20).map((n) => (
            <div role="listitem" key={n.id}>
              <UnstyledButton
                onClick={() => open(n)}
                p={6}
                w="100%"
                style={{ borderRadius: 4, background: n.readAt === null ? 'var(--mantine-color-blue-0)' : undefined }}
              >
                <Text size="sm" fw={n.readAt === null ? 700 : 400}>
                  {labels.pick(n.title)}
                </Text>
                <Text size="xs" c="dimmed">
                  {labels.dateTime(n.createdAt)}
                  {n.readAt === null ? ` · ${t('notifications.unread')}` : ''}
                </Text>
              </UnstyledButton>
            </div>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
