/** The controller's form to change what an upcoming inject says, in both languages. */
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useEditInject, type InjectEdit } from './mutations.ts';

type Props = { exerciseId: string; injectId: string; name: string; title: { en: string; fr: string } };

/** An "Edit" button and its dialog; content left empty keeps the current text. */
export function EditInject({ exerciseId, injectId, name, title }: Props) {
  const { t } = useTranslation();
  const edit = useEditInject(exerciseId);
  const [opened, setOpened] = useState(false);
  const [titleEn, setTitleEn] = useState(title.en);
  const [titleFr, setTitleFr] = useState(title.fr);
  const [contentEn, setContentEn] = useState('');
  const [contentFr, setContentFr] = useState('');
  const contentHalf = (contentEn.trim() === '') !== (contentFr.trim() === '');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: InjectEdit = {};
    if (titleEn.trim() !== title.en || titleFr.trim() !== title.fr) body.title = { en: titleEn.trim(), fr: titleFr.trim() };
    if (contentEn.trim() && contentFr.trim()) body.content = { en: contentEn.trim(), fr: contentFr.trim() };
    if (!body.title && !body.content) return setOpened(false);
    edit.mutate({ injectId, edit: body }, { onSuccess: () => setOpened(false) });
  };
  return (
    <>
      <Button size="compact-sm" variant="default" onClick={() => setOpened(true)} aria-label={t('live.editNamed', { name })}>
        {t('live.edit')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('live.editTitle', { name })}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <TextInput label={t('live.editTitleEn')} value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} required />
            <TextInput label={t('live.editTitleFr')} value={titleFr} onChange={(e) => setTitleFr(e.currentTarget.value)} required />
            <Textarea
              label={t('live.editContentEn')}
              description={t('live.editContentHint')}
              value={contentEn}
              onChange={(e) => setContentEn(e.currentTarget.value)}
              autosize
              minRows={3}
            />
            <Textarea
              label={t('live.editContentFr')}
              description={t('live.editContentHint')}
              value={contentFr}
              onChange={(e) => setContentFr(e.currentTarget.value)}
              autosize
              minRows={3}
            />
            {contentHalf ? (
              <Text c="red.9" size="sm" role="alert">
                {t('live.editBothLanguages')}
              </Text>
            ) : null}
            <ErrorAlert error={edit.error} title={t('live.commandRefused')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={edit.isPending} disabled={contentHalf || !titleEn.trim() || !titleFr.trim()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
