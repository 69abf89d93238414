/**
 * Undoes a committed import after a confirmation. When the server refuses
 * because some of its contacts have had sales, payments or edits since, or
 * some of its sales a payment, a return or spent points, the refusal is
 * shown with what the user can do instead.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { type ImportKind, type ImportRecord, useUndoImport } from './api.ts';
import { kindKey } from './kindKeys.ts';

export function UndoButton({
  importId,
  kind,
  onUndone,
  size = 'sm',
}: {
  importId: string;
  kind: ImportKind;
  onUndone?: (record: ImportRecord) => void;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const undo = useUndoImport();
  const blocked = isApiError(undo.error, 'import_undo_blocked') || isApiError(undo.error, 'import_undo_sales_blocked');

  const confirm = () =>
    undo.mutate(importId, {
      onSuccess: (record) => {
        setOpen(false);
        notifySaved(record.message || t('transfer.import.undo.done'));
        onUndone?.(record);
      },
    });

  return (
    <>
      <Button data-testid="undo-import" size={size} variant="default" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={() => {
        undo.reset();
        setOpen(true);
      }}>
        {t('transfer.import.undo.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={blocked ? t('transfer.import.undo.blockedTitle') : t('transfer.import.undo.confirmTitle')}
        centered
      >
        {blocked ? (
          <Stack gap="sm">
            <Alert color="orange" variant="light" icon={<IconLock size={18} />}>
              <Text size="sm">{errorMessage(undo.error, t)}</Text>
            </Alert>
            <Text size="sm">{t(kindKey(kind, 'transfer.import.undo.blockedHint'))}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t('common.close')}</Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="sm">
            <Text size="sm">{t(kindKey(kind, 'transfer.import.undo.confirm'))}</Text>
            {undo.error !== null && (
              <Alert color="red" variant="light">
                <Text size="sm">{errorMessage(undo.error, t)}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
              <Button color="red" loading={undo.isPending} onClick={confirm}>{t('transfer.import.undo.confirmButton')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
