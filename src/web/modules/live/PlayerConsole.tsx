/**
 * The player's console: the inject inbox (acknowledge, mark expected actions done), the social
 * feed (reply, share, report, request takedown), the news wire, the email inbox, team chat, the
 * decision log and notifying another organisation.
 */
import { Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useLiveAction, type ActionInput } from './mutations.ts';
import { useNames, type LiveContext } from './shared.tsx';
import { formatExerciseTime, num, releasedInject, str, type LiveEvent, type ReleasedInject } from './store.ts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={`${id}-heading`} data-section={id}>
      <Title order={2} size="h4" id={`${id}-heading`} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

/** Send an action as the chosen team. */
function useAct(ctx: LiveContext, teamId: string | null) {
  const action = useLiveAction(ctx.exercise.id);
  const send = (a: ActionInput, onSuccess?: () => void) =>
    action.mutate((teamId && a.kind !== 'persona_post' && a.kind !== 'observation' ? { ...a, teamId } : a) as ActionInput, { onSuccess });
  return { send, action };
}

function InjectCard({
  ctx,
  inj,
  team,
  acked,
  done,
}: {
  ctx: LiveContext;
  inj: ReleasedInject;
  team: string | null;
  acked: boolean;
  done: Set<string>;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { send, action } = useAct(ctx, team);
  const mine = inj.expectedActions.filter((a) => ctx.teams.some((tm) => a.by.includes(tm)));
  const title = labels.pick(inj.title);
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      aria-label={t('live.injectLabel', { number: inj.number, title })}
      data-inject={inj.injectId}
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={700}>{t('live.injectLabel', { number: inj.number, title })}</Text>
          <Group gap={6}>
            {acked ? <Tag color="green">{t('live.acknowledged')}</Tag> : <Tag color="blue">{t('live.unread')}</Tag>}
            <Tag color="gray">{labels.channel(inj.channel as Parameters<typeof labels.channel>[0])}</Tag>
          </Group>
        </Group>
        <Group gap={6}>
          <Text size="sm" c="dimmed" ff="monospace">
            {formatExerciseTime(inj.exerciseMs)}
          </Text>
          <MarkingBanner marking={inj.marking} />
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {labels.pick(inj.content)}
        </Text>
        {!acked ? (
          <Group>
            <Button
              size="compact-sm"
              onClick={() => send({ kind: 'acknowledge', injectId: inj.injectId })}
              loading={action.isPending}
              aria-label={t('live.acknowledgeNamed', { name: title })}
            >
              {t('live.acknowledge')}
            </Button>
          </Group>
        ) : null}
        {mine.length ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('live.expectedActions')}
            </Text>
            {mine.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm">
                  {labels.pick(a.description)} {t('live.within', { minutes: a.withinMinutes })}
                </Text>
                {done.has(`${inj.injectId}/${a.id}`) ? (
                  <Tag color="green">{t('live.done')}</Tag>
                ) : (
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => send({ kind: 'complete', injectId: inj.injectId, actionId: a.id })}
                    aria-label={t('live.markDoneNamed', { name: labels.pick(a.description) })}
                  >
                    {t('live.markDone')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        ) : null}
        {inj.incident ? <IncidentResponse ctx={ctx} inj={inj} send={send} busy={action.isPending} /> : null}
        <ErrorAlert error={action.error} />
      </Stack>
    </Card>
  );
}

/** Containing a spreading cyber incident: cut one system off, or isolate the whole network. */
function IncidentResponse({
  ctx,
  inj,
  send,
  busy,
}: {
  ctx: LiveContext;
  inj: ReleasedInject;
  send: ReturnType<typeof useAct>['send'];
  busy: boolean;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [systemId, setSystemId] = useState<string | null>(null);
  const systems = ctx.exercise.systems;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('live.incident.heading')}
      </Text>
      <Text size="sm">
        {t('live.incident.compromised', {
          systems: (inj.incident?.compromised ?? [])
            .map((id) => labels.pick(systems.find((s) => s.id === id)?.name ?? { en: id, fr: id }))
            .join(', '),
        })}
      </Text>
      <Group gap={6} align="flex-end">
        <Select
          size="xs"
          label={t('live.incident.system')}
          value={systemId}
          onChange={setSystemId}
          data={systems.map((s) => ({ value: s.id, label: labels.pick(s.name) }))}
        />
        <Button
          size="compact-sm"
          variant="default"
          disabled={!systemId}
          loading={busy}
          onClick={() => systemId && send({ kind: 'contain', injectId: inj.injectId, systemId })}
        >
          {t('live.incident.contain')}
        </Button>
        <Button size="compact-sm" variant="default" loading={busy} onClick={() => send({ kind: 'isolate', injectId: inj.injectId })}>
          {t('live.incident.isolate')}
        </Button>
      </Group>
    </Stack>
  );
}

type Post = {
  seq: number;
  author: string;
  text: string;
  injectId: string | null;
  exerciseMs: number;
  kind: string;
  replyTo: number | null;
};

function postsOf(
  ctx: LiveContext,
  channel: string,
  names: ReturnType<typeof useNames>,
  pick: (b: { en: string; fr: string }) => string,
  withPlayers: boolean,
  injectName: (inj: ReleasedInject) => string,
): Post[] {
  const posts: Post[] = [];
  for (const e of ctx.events) {
    if (e.kind === 'inject_released') {
      const inj = releasedInject(e);
      if (inj.channel === channel)
        posts.push({
          seq: e.seq,
          // Without a persona, the inject itself heads the post (an email's subject, say).
          author: inj.persona ? `${inj.persona.name} ${inj.persona.handle}` : (inj.personaId ?? injectName(inj)),
          text: inj.personaId ? `${pick(inj.title)}\n${pick(inj.content)}` : pick(inj.content),
          injectId: inj.injectId,
          exerciseMs: e.exerciseMs,
          kind: e.kind,
          replyTo: null,
        });
    } else if (e.kind === 'persona_post' && str(e, 'channel') === channel) {
      posts.push({
        seq: e.seq,
        author: `${str(e, 'name') ?? ''} ${str(e, 'handle') ?? ''}`.trim(),
        text: str(e, 'text') ?? '',
        injectId: null,
        exerciseMs: e.exerciseMs,
        kind: e.kind,
        replyTo: null,
      });
    } else if (withPlayers && (e.kind === 'social_post' || e.kind === 'statement')) {
      posts.push({
        seq: e.seq,
        author: names.team(e.teamId),
        text: str(e, 'text') ?? '',
        injectId: str(e, 'injectId') ?? null,
        exerciseMs: e.exerciseMs,
        kind: e.kind,
        replyTo: num(e, 'replyTo') ?? null,
      });
    }
  }
  return posts.reverse();
}

function FeedPost({
  ctx,
  post,
  team,
  reported,
  takedown,
}: {
  ctx: LiveContext;
  post: Post;
  team: string | null;
  reported: boolean;
  takedown: boolean;
}) {
  const { t } = useTranslation();
  const { send, action } = useAct(ctx, team);
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const target = post.injectId ? { injectId: post.injectId } : {};
  const label = t('live.postBy', { author: post.author, seq: post.seq });
  return (
    <Card withBorder padding="sm" component="article" aria-label={label} data-post={post.seq}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={700} size="sm">
            {post.author}
          </Text>
          <Group gap={6}>
            {post.kind === 'statement' ? <Tag color="blue">{t('live.officialStatement')}</Tag> : null}
            {reported ? <Tag color="orange">{t('live.reported')}</Tag> : null}
            {takedown ? <Tag color="red">{t('live.takedownRequested')}</Tag> : null}
            <Text size="xs" c="dimmed" ff="monospace">
              {formatExerciseTime(post.exerciseMs)}
            </Text>
          </Group>
        </Group>
        {post.replyTo ? (
          <Text size="xs" c="dimmed">
            {t('live.inReplyTo', { seq: post.replyTo })}
          </Text>
        ) : null}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {post.text}
        </Text>
        <Group gap={6}>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setReplying(!replying)}
            aria-expanded={replying}
            aria-label={t('live.replyTo', { name: label })}
          >
            {t('live.reply')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => send({ kind: 'share', postSeq: post.seq })}
            aria-label={t('live.shareNamed', { name: label })}
          >
            {t('live.share')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            disabled={reported}
            onClick={() => send({ kind: 'report_post', postSeq: post.seq, ...target })}
            aria-label={t('live.reportNamed', { name: label })}
          >
            {t('live.report')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            disabled={takedown}
            onClick={() => send({ kind: 'request_takedown', postSeq: post.seq, ...target })}
            aria-label={t('live.takedownNamed', { name: label })}
          >
            {t('live.requestTakedown')}
          </Button>
        </Group>
        {replying ? (
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              send({ kind: 'social_post', text: reply, replyTo: post.seq, ...target }, () => {
                setReply('');
                setReplying(false);
              });
            }}
          >
            <Group align="flex-end">
              <Textarea
                label={t('live.yourReply')}
                value={reply}
                onChange={(e) => setReply(e.currentTarget.value)}
                maxLength={2000}
                autosize
                minRows={1}
                style={{ flex: 1 }}
              />
              <Button type="submit" disabled={!reply.trim()} loading={action.isPending}>
                {t('live.sendReply')}
              </Button>
            </Group>
          </form>
        ) : null}
        <ErrorAlert error={action.error} />
      </Stack>
    </Card>
  );
}

function Composer({ ctx, team, narratives }: { ctx: LiveContext; team: string | null; narratives: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const { send, action } = useAct(ctx, team);
  const [text, setText] = useState('');
  const [rebuts, setRebuts] = useState<string | null>(null);
  const target = rebuts ? { injectId: rebuts } : {};
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send({ kind: 'social_post', text, ...target }, () => setText(''));
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('live.newPost')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        <Select label={t('live.rebuts')} clearable data={narratives} value={rebuts} onChange={setRebuts} />
        <ErrorAlert error={action.error} />
        <Group>
          <Button type="submit" disabled={!text.trim()} loading={action.isPending}>
            {t('live.publishPost')}
          </Button>
          <Button variant="default" disabled={!text.trim()} onClick={() => send({ kind: 'statement', text, ...target }, () => setText(''))}>
            {t('live.publishStatement')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MessageList({ events, describe, empty }: { events: LiveEvent[]; describe: (e: LiveEvent) => ReactNode; empty: string }) {
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 320, overflowY: 'auto' }}>
      {[...events].reverse().map((e) => (
        <li key={e.seq}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span ff="monospace" c="dimmed" size="xs">
              {formatExerciseTime(e.exerciseMs)}
            </Text>{' '}
            {describe(e)}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

function TextForm({
  label,
  submit,
  onSend,
  pending,
  extra,
}: {
  label: string;
  submit: string;
  onSend: (text: string, done: () => void) => void;
  pending: boolean;
  extra?: ReactNode;
}) {
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSend(text, () => setText(''));
      }}
    >
      <Stack gap="xs">
        {extra}
        <Textarea label={label} value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={5000} autosize minRows={1} />
        <Group>
          <Button type="submit" disabled={!text.trim()} loading={pending}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PlayerConsole({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const names = useNames(ctx);
  const [team, setTeam] = useState<string | null>(ctx.teams.length > 1 ? (ctx.teams[0] ?? null) : null);
  const chat = useAct(ctx, team);
  const decision = useAct(ctx, team);
  const notify = useAct(ctx, team);
  const [decisionInject, setDecisionInject] = useState<string | null>(null);
  const [toTeams, setToTeams] = useState<string[]>([]);
  const [eventKind, setEventKind] = useState('');

  const injects = ctx.events.filter((e) => e.kind === 'inject_released').map(releasedInject);
  const acked = new Set(ctx.events.filter((e) => e.kind === 'acknowledged').map((e) => str(e, 'injectId')));
  const done = new Set(ctx.events.filter((e) => e.kind === 'action_reported').map((e) => `${str(e, 'injectId')}/${str(e, 'actionId')}`));
  const reported = new Set(ctx.events.filter((e) => e.kind === 'post_reported').map((e) => num(e, 'postSeq')));
  const takedowns = new Set(ctx.events.filter((e) => e.kind === 'takedown_requested').map((e) => num(e, 'postSeq')));
  const unread = injects.filter((i) => !acked.has(i.injectId)).length;
  const injectName = (i: ReleasedInject) => t('live.injectLabel', { number: i.number, title: labels.pick(i.title) });
  const feed = postsOf(ctx, 'social_post', names, labels.pick, true, injectName);
  const news = postsOf(ctx, 'news_article', names, labels.pick, false, injectName);
  const mail = postsOf(ctx, 'email', names, labels.pick, false, injectName);
  const injectOptions = injects.map((i) => ({
    value: i.injectId,
    label: t('live.injectLabel', { number: i.number, title: labels.pick(i.title) }),
  }));
  const narratives = injects
    .filter((i) => i.channel === 'social_post')
    .map((i) => ({ value: i.injectId, label: t('live.injectLabel', { number: i.number, title: labels.pick(i.title) }) }));
  const otherTeams = ctx.exercise.teams.filter((tm) => tm.kind === 'organisation' && !ctx.teams.includes(tm.id));
  const byTeam = (e: LiveEvent) => `${names.team(e.teamId)} — ${names.person(e.actorUserId)}: ${str(e, 'text') ?? ''}`;

  return (
    <Stack gap="lg">
      {ctx.teams.length > 1 ? (
        <Select
          label={t('live.actingFor')}
          allowDeselect={false}
          data={ctx.teams.map((id) => ({ value: id, label: names.team(id) }))}
          value={team}
          onChange={setTeam}
          maw={420}
        />
      ) : (
        <Text>{t('live.yourTeam', { team: ctx.teams.map((id) => names.team(id)).join(', ') || '—' })}</Text>
      )}
      {/* Screen readers hear of each new inject as it arrives. */}
      <VisuallyHidden aria-live="polite" aria-atomic="true">
        {injects.length ? t('live.newInject', { name: injectName(injects[injects.length - 1] as ReleasedInject) }) : ''}
      </VisuallyHidden>
      <Section id="inbox" title={t('live.inbox', { count: unread })}>
        {injects.length === 0 ? <Text c="dimmed">{t('live.noInjects')}</Text> : null}
        {[...injects].reverse().map((inj) => (
          <InjectCard key={inj.seq} ctx={ctx} inj={inj} team={team} acked={acked.has(inj.injectId)} done={done} />
        ))}
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section id="feed" title={t('live.socialFeed')}>
          <Composer ctx={ctx} team={team} narratives={narratives} />
          {feed.length === 0 ? <Text c="dimmed">{t('live.noPosts')}</Text> : null}
          {feed.map((p) => (
            <FeedPost key={p.seq} ctx={ctx} post={p} team={team} reported={reported.has(p.seq)} takedown={takedowns.has(p.seq)} />
          ))}
        </Section>
        <Stack gap="lg">
          <Section id="news" title={t('live.newsWire')}>
            {news.length === 0 ? <Text c="dimmed">{t('live.noNews')}</Text> : null}
            {news.map((p) => (
              <Card key={p.seq} withBorder padding="sm" component="article">
                <Text size="xs" c="dimmed" ff="monospace">
                  {formatExerciseTime(p.exerciseMs)} · {p.author}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.text}
                </Text>
              </Card>
            ))}
          </Section>
          <Section id="email" title={t('live.emailInbox')}>
            {mail.length === 0 ? <Text c="dimmed">{t('live.noEmail')}</Text> : null}
            {mail.map((p) => (
              <Card key={p.seq} withBorder padding="sm" component="article">
                <Text size="xs" c="dimmed" ff="monospace">
                  {formatExerciseTime(p.exerciseMs)} · {p.author}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.text}
                </Text>
              </Card>
            ))}
          </Section>
        </Stack>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Section id="chat" title={t('live.teamChat')}>
          <MessageList events={ctx.events.filter((e) => e.kind === 'chat')} describe={byTeam} empty={t('live.noChat')} />
          <TextForm
            label={t('live.message')}
            submit={t('live.send')}
            pending={chat.action.isPending}
            onSend={(text, ok) => chat.send({ kind: 'chat', text }, ok)}
          />
          <ErrorAlert error={chat.action.error} />
        </Section>
        <Section id="decisions" title={t('live.decisionLog')}>
          <MessageList events={ctx.events.filter((e) => e.kind === 'decision')} describe={byTeam} empty={t('live.noDecisions')} />
          <TextForm
            label={t('live.decision')}
            submit={t('live.recordDecision')}
            pending={decision.action.isPending}
            extra={
              <Select label={t('live.aboutInject')} clearable data={injectOptions} value={decisionInject} onChange={setDecisionInject} />
            }
            onSend={(text, ok) => decision.send({ kind: 'decision', text, ...(decisionInject ? { injectId: decisionInject } : {}) }, ok)}
          />
          <ErrorAlert error={decision.action.error} />
        </Section>
        <Section id="notify" title={t('live.notifyOrg')}>
          <MessageList
            events={ctx.events.filter((e) => e.kind === 'notification_sent')}
            describe={(e) =>
              t('live.events.notification_sent', {
                team: names.team(e.teamId),
                to: ((e.payload.toTeams as string[] | undefined) ?? []).map((id) => names.team(id)).join(', '),
                text: str(e, 'text') ?? '',
              })
            }
            empty={t('live.noNotifications')}
          />
          <TextForm
            label={t('live.message')}
            submit={t('live.sendNotification')}
            pending={notify.action.isPending}
            extra={
              <>
                <Checkbox.Group label={t('live.toOrganisations')} value={toTeams} onChange={setToTeams}>
                  <Stack gap={4} mt={4}>
                    {otherTeams.map((tm) => (
                      <Checkbox key={tm.id} value={tm.id} label={labels.pick(tm.name)} />
                    ))}
                  </Stack>
                </Checkbox.Group>
                <TextInput
                  label={t('live.eventKind')}
                  description={t('live.eventKindHint')}
                  value={eventKind}
                  onChange={(e) => setEventKind(e.currentTarget.value)}
                  maxLength={100}
                />
              </>
            }
            onSend={(text, ok) =>
              toTeams.length &&
              notify.send({ kind: 'notify', toTeams, text, eventKind: eventKind.trim() }, () => {
                ok();
                setToTeams([]);
              })
            }
          />
          <ErrorAlert error={notify.action.error} />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
