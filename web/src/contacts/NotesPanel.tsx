/**
 * Notes on a contact: add one, mark it private (visible to its author only),
 * edit or delete one's own. A note that Comptoir wrote, without an author,
 * is edited or deleted by anyone who may update the contact, and stays
 * visible to everyone.
 */
import { ActionIcon, Badge, Button, Checkbox, Group, Modal, Paper, Skeleton, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconNotes, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import type { Contact, Note } from '../api/types.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { useExclusive } from '../shared/exclusive.ts';
import { nullIfBlank, useFormState } from '../shared/form.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { useDeleteNote, useNotes, useSaveNote } from './api.ts';

const emptyNote = { heading: '', body: '', isPrivate: false };

/** Checks that the user may update the contact as the notes API does: with the update permission of each side of its type. */
function mayUpdateContact(session: ReturnType<typeof useSession>, contact: Contact): boolean {
  const sides = contact.type === 'both' ? ['customer', 'supplier'] : [contact.type];
  return sides.every((side) => can(session, `${side}.update`));
}

export function NotesPanel({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();
  const notes = useNotes(contact.id);
  const [editing, setEditing] = useState<Note | null>(null);
  const maySystemNotes = mayUpdateContact(session, contact);

  return (
    <Stack gap="md" maw={860}>
      <NoteEditor contactId={contact.id} />
      {notes.isPending ? (
        <Skeleton height={96} radius="md" />
      ) : notes.isError ? (
        <QueryError error={notes.error} onRetry={() => notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <EmptyPanel icon={<IconNotes size={28} />} title={t('notes.empty')} description={t('notes.emptyHint')} />
      ) : (
        [...notes.data]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((note) => (
            <NoteCard
              key={note.id}
              contactId={contact.id}
              note={note}
              writable={note.authorId === session.user.id || (note.authorId === null && maySystemNotes)}
              onEdit={() => setEditing(note)}
            />
          ))
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('notes.editTitle')} size="lg" centered>
        {editing && <NoteEditor contactId={contact.id} note={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function NoteEditor({ contactId, note, onDone }: { contactId: string; note?: Note; onDone?: () => void }) {
  const { t } = useTranslation();
  const form = useFormState(
    note ? { heading: note.heading ?? '', body: note.body, isPrivate: note.isPrivate } : emptyNote,
  );
  const save = useSaveNote(contactId);
  const exclusive = useExclusive();
  const systemNote = note !== undefined && note.authorId === null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { heading: nullIfBlank(form.values.heading), body: form.values.body.trim(), isPrivate: form.values.isPrivate };
    void exclusive(async () => {
      try {
        await save.mutateAsync({ noteId: note?.id, input });
      } catch (error) {
        const unshown = form.takeErrors(error, ['heading', 'body', 'isPrivate']);
        if (!isApiError(error) || error.issues.length === 0 || unshown.length > 0) notifyFailed(error, t);
        return;
      }
      notifySaved(t(note ? 'notes.updated' : 'notes.added'));
      if (!note) form.reset(emptyNote);
      onDone?.();
    });
  };

  const fields = (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('notes.heading')}
          value={form.values.heading}
          onChange={(e) => form.set('heading', e.currentTarget.value)}
          error={form.error('heading')}
        />
        <Textarea
          label={t('notes.body')}
          required
          autosize
          minRows={3}
          maxRows={12}
          value={form.values.body}
          onChange={(e) => form.set('body', e.currentTarget.value)}
          error={form.error('body')}
        />
        {/* A note without an author cannot be made private, because no one would see it. */}
        <Group justify={systemNote ? 'flex-end' : 'space-between'}>
          {!systemNote && (
            <Checkbox
              label={t('notes.private')}
              description={t('notes.privateHint')}
              checked={form.values.isPrivate}
              onChange={(e) => form.set('isPrivate', e.currentTarget.checked)}
              error={form.error('isPrivate')}
            />
          )}
          <Group gap="sm">
            {onDone && (
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" loading={save.isPending} disabled={!form.values.body.trim()}>
              {note ? t('common.save') : t('notes.add')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );

  if (note) return fields;
  return (
    <Paper withBorder radius="md" p="md">
      {fields}
    </Paper>
  );
}

interface NoteCardProps {
  contactId: string;
  note: Note;
  /** The user may edit and delete the note: their own, or one without an author on a contact they may update. */
  writable: boolean;
  onEdit: () => void;
}

function NoteCard({ contactId, note, writable, onEdit }: NoteCardProps) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const remove = useDeleteNote(contactId);
  const [confirmOpened, confirm] = useDisclosure(false);
  const own = note.authorId === session.user.id;
  const edited = note.updatedAt && note.updatedAt !== note.createdAt;
  const noteAuthor = () => {
    if (note.authorId === null) return t('notes.system');
    return note.authorName ?? (own ? session.user.name : t('notes.someone'));
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="note">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            {note.heading && <Text fw={600}>{note.heading}</Text>}
            {note.isPrivate && (
              <Badge size="sm" variant="light" color="gray" leftSection={<IconLock size={12} />}>
                {t('notes.privateBadge')}
              </Badge>
            )}
          </Group>
          <Text size="sm" className="pre-line">
            {note.body}
          </Text>
          <Text size="xs" c="dimmed">
            {t('notes.byline', { author: noteAuthor(), date: format.dateTime(note.createdAt) })}
            {edited ? ` · ${t('notes.edited')}` : ''}
          </Text>
        </Stack>
        {writable && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t('common.edit')}>
              <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={t('common.edit')}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('common.delete')}>
              <ActionIcon variant="subtle" color="red" onClick={confirm.open} aria-label={t('common.delete')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <Modal opened={confirmOpened} onClose={confirm.close} title={t('notes.deleteTitle')} centered>
        <Stack>
          <Text size="sm">{t('notes.deleteText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(note.id, {
                  onSuccess: () => {
                    confirm.close();
                    notifySaved(t('notes.deleted'));
                  },
                  onError: (error) => notifyFailed(error, t),
                })
              }
            >
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
