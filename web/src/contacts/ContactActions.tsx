import { ActionIcon, Alert, Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArchive,
  IconArchiveOff,
  IconDots,
  IconFileExport,
  IconPencil,
  IconTrash,
  IconUserOff,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import type { Contact } from '../api/types.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { errorMessage } from '../shared/errors.ts';
import { decimalSign } from '../shared/money.ts';
import { notifyFailed, notifySaved, notifyWarning } from '../shared/notify.ts';
import { AnonymiseModal } from './AnonymiseModal.tsx';
import { type ContactSection, personalDataUrl, useContactAction, useDeleteContact } from './api.ts';
import { contactPath, listPath } from './paths.ts';

/** Permission to act on a contact: a `both` contact needs it on either side. */
function allowed(session: ReturnType<typeof useSession>, contact: Contact, action: 'update' | 'delete'): boolean {
  if (contact.type === 'both') return can(session, `customer.${action}`) || can(session, `supplier.${action}`);
  return can(session, `${contact.type}.${action}`);
}

export function ContactActions({ contact, section }: { contact: Contact; section: ContactSection }) {
  const { t } = useTranslation();
  const session = useSession();
  // The action is fixed when the dialog opens, so its wording does not flip while it closes.
  const [statusAction, setStatusAction] = useState<'deactivate' | 'reactivate' | null>(null);
  const [deleteOpened, deleteModal] = useDisclosure(false);
  const [anonymiseOpened, anonymiseModal] = useDisclosure(false);
  const anonymised = Boolean(contact.anonymisedAt);
  const canUpdate = allowed(session, contact, 'update') && !anonymised;
  const canDelete = allowed(session, contact, 'delete');
  const active = contact.status === 'active';

  return (
    <>
      {canUpdate && (
        <Button component={Link} to={`${contactPath(contact, section)}/edit`} leftSection={<IconPencil size={16} />}>
          {t('common.edit')}
        </Button>
      )}
      {canUpdate && (
        <Button
          variant="default"
          leftSection={active ? <IconArchive size={16} /> : <IconArchiveOff size={16} />}
          onClick={() => setStatusAction(active ? 'deactivate' : 'reactivate')}
        >
          {t(active ? 'contactPage.deactivate' : 'contactPage.reactivate')}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size={36} aria-label={t('contactPage.moreActions')}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            component="a"
            href={personalDataUrl(contact.id)}
            download
            leftSection={<IconFileExport size={16} />}
          >
            {t('contactPage.exportPersonalData')}
          </Menu.Item>
          {canDelete && !anonymised && (
            <Menu.Item leftSection={<IconUserOff size={16} />} onClick={anonymiseModal.open}>
              {t('contactPage.anonymise')}
            </Menu.Item>
          )}
          {canDelete && (
            <>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={deleteModal.open}>
                {t('common.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <AnonymiseModal contact={contact} opened={anonymiseOpened} onClose={anonymiseModal.close} />
      <StatusModal contact={contact} action={statusAction} onClose={() => setStatusAction(null)} />
      <DeleteModal
        contact={contact}
        section={section}
        opened={deleteOpened}
        onClose={deleteModal.close}
        onDeactivate={() => {
          deleteModal.close();
          setStatusAction('deactivate');
        }}
      />
    </>
  );
}

function StatusModal({
  contact,
  action,
  onClose,
}: {
  contact: Contact;
  action: 'deactivate' | 'reactivate' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const change = useContactAction(contact.id);
  const [shown, setShown] = useState(action ?? 'deactivate');
  if (action && action !== shown) setShown(action);
  const deactivating = shown === 'deactivate';

  const confirm = () =>
    change.mutate(shown, {
      onSuccess: (saved) => {
        notifySaved(t(deactivating ? 'contactPage.deactivated' : 'contactPage.reactivated', { name: contact.name }));
        for (const warning of saved.warnings ?? []) notifyWarning(warning.message);
        onClose();
      },
      onError: (error) => notifyFailed(error, t),
    });

  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      centered
      title={t(deactivating ? 'contactPage.deactivateTitle' : 'contactPage.reactivateTitle', { name: contact.name })}
    >
      <Stack>
        <Text size="sm">{t(deactivating ? 'contactPage.deactivateText' : 'contactPage.reactivateText')}</Text>
        {deactivating && contact.balance !== null && decimalSign(contact.balance) !== 0 && (
          <Alert color="orange" data-testid="deactivate-balance">
            {t('contactPage.deactivateBalance', { balance: format.money(contact.balance, { signed: true }) })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={deactivating ? 'orange' : 'teal'} loading={change.isPending} onClick={confirm}>
            {t(deactivating ? 'contactPage.deactivate' : 'contactPage.reactivate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeleteModal({
  contact,
  section,
  opened,
  onClose,
  onDeactivate,
}: {
  contact: Contact;
  section: ContactSection;
  opened: boolean;
  onClose: () => void;
  onDeactivate: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteContact(contact.id);
  const hasHistory = isApiError(remove.error, 'contact_has_history');

  const close = () => {
    remove.reset();
    onClose();
  };

  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifySaved(t('contactPage.deleted', { name: contact.name }));
        navigate(listPath(section), { replace: true });
      },
    });

  return (
    <Modal opened={opened} onClose={close} centered title={t('contactPage.deleteTitle', { name: contact.name })}>
      <Stack>
        {remove.isError ? (
          <Alert color={hasHistory ? 'orange' : 'red'} variant="light">
            {errorMessage(remove.error, t)}
          </Alert>
        ) : (
          <Text size="sm">{t('contactPage.deleteText')}</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          {hasHistory ? (
            contact.status === 'active' && (
              <Button color="orange" onClick={onDeactivate}>
                {t('contactPage.deactivateInstead')}
              </Button>
            )
          ) : (
            <Button color="red" loading={remove.isPending} onClick={confirm}>
              {t('contactPage.deleteConfirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
