/**
 * Saved views of the list (each user's own): pick one, save the current
 * filters, sort and columns as a new view or into the picked one, rename or
 * delete it.
 */
import { Badge, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconDeviceFloppy, IconLayoutList, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { notifyFailed, notifySaved } from '../../shared/notify.ts';
import type { ContactSection } from '../api.ts';
import { type ContactView, useContactViews, useDeleteView, useSaveView, type ViewInput } from './list-api.ts';
import { viewFitsSection } from './list-filters.ts';

export function ViewMenu({
  section,
  current,
  modified,
  draft,
  onPick,
  onSaved,
  onDeleted,
}: {
  /** The list the menu is on, which offers only the views of its side. */
  section: ContactSection;
  current: ContactView | null;
  /** True when the list differs from the picked view. */
  modified: boolean;
  /** The list's current filters, sort and columns, which saving stores. */
  draft: Omit<ViewInput, 'name'>;
  onPick: (view: ContactView | null) => void;
  onSaved: (view: ContactView) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const views = useContactViews();
  const offered = (views.data ?? []).filter((view) => viewFitsSection(section, view.filters));
  const save = useSaveView();
  const remove = useDeleteView();
  const [naming, setNaming] = useState<'new' | 'rename' | null>(null);
  const [deleting, setDeleting] = useState(false);

  const saveChanges = async () => {
    if (!current) return;
    try {
      const view = await save.mutateAsync({ id: current.id, input: draft });
      notifySaved(t('contactList.views.savedNotice', { name: view.name }));
      onSaved(view);
    } catch (failure) {
      // The view may have been deleted in another tab, or a filter may name a deleted group.
      notifyFailed(failure, t);
    }
  };

  const deleteCurrent = async () => {
    if (current) {
      try {
        await remove.mutateAsync(current.id);
      } catch (failure) {
        // A view deleted meanwhile (in another tab) is gone, as asked. Any other failure keeps the dialog open.
        if (!isApiError(failure) || failure.status !== 404) {
          notifyFailed(failure, t);
          return;
        }
      }
    }
    setDeleting(false);
    onDeleted();
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          <Button variant="default" leftSection={<IconLayoutList size={16} />} rightSection={<IconChevronDown size={14} />} maw={260}>
            <Text span inherit truncate>
              {current ? current.name : t('contactList.views.menu')}
            </Text>
            {current && modified && (
              // The name gives way to the badge, which would otherwise shrink to « MO… » beside a long name.
              <Badge ml={6} size="xs" variant="light" color="orange" style={{ flexShrink: 0 }}>
                {t('contactList.views.modified')}
              </Badge>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={240}>
          <Menu.Item onClick={() => onPick(null)} fw={current ? undefined : 600}>
            {t('contactList.views.none')}
          </Menu.Item>
          <Menu.Label>{t('contactList.views.saved')}</Menu.Label>
          {offered.length === 0 && <Menu.Item disabled>{t('contactList.views.noViews')}</Menu.Item>}
          {offered.map((view) => (
            <Menu.Item key={view.id} onClick={() => onPick(view)} fw={view.id === current?.id ? 600 : undefined}>
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {current && modified && (
            <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={saveChanges}>
              {t('contactList.views.saveChanges')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setNaming('new')}>
            {t('contactList.views.saveNew')}
          </Menu.Item>
          {current && (
            <>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setNaming('rename')}>
                {t('contactList.views.rename')}
              </Menu.Item>
              <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => setDeleting(true)}>
                {t('contactList.views.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>

      {naming && (
        <NameDialog
          title={t(naming === 'new' ? 'contactList.views.newTitle' : 'contactList.views.renameTitle')}
          initial={naming === 'rename' ? (current?.name ?? '') : ''}
          onClose={() => setNaming(null)}
          onSubmit={async (name) => {
            const view =
              naming === 'new'
                ? await save.mutateAsync({ input: { ...draft, name } })
                : await save.mutateAsync({ id: current?.id ?? '', input: { name } });
            setNaming(null);
            notifySaved(t('contactList.views.savedNotice', { name: view.name }));
            onSaved(view);
          }}
        />
      )}

      <Modal opened={deleting} onClose={() => setDeleting(false)} title={t('contactList.views.deleteTitle', { name: current?.name })} centered size="sm">
        <Stack>
          <Text size="sm">{t('contactList.views.deleteText')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setDeleting(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={deleteCurrent}
            >
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function NameDialog({
  title,
  initial,
  onClose,
  onSubmit,
}: {
  title: string;
  initial: string;
  onClose: () => void;
  onSubmit: (name: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name.trim());
    } catch (failure) {
      // The server words the reason: name missing, already taken, too many views.
      setError(isApiError(failure) ? (failure.fieldErrors.name ?? failure.detail) : t('errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} centered size="sm">
      <form onSubmit={submit}>
        <Stack>
          <TextInput data-autofocus label={t('contactList.views.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} maxLength={100} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
