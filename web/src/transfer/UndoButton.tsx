/**
 * Undoes a committed import after a confirmation. When the server refuses
 * because some of its contacts have had sales, payments or edits since, the
 * refusal lists them and offers to undo the others and keep those. A sales
 * import refused because of a payment, a return or spent points is shown
 * with what the user can do instead.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, isApiError } from '../api/client.ts';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { type ImportKind, type ImportRecord, type KeptContact, useUndoImport } from './api.ts';
import { KeptContacts } from './KeptContacts.tsx';
import { kindKey } from './kindKeys.ts';

/** Refusals that name what blocks the undo. */
const refusalCodes = new Set(['import_undo_blocked', 'import_undo_nothing_left', 'import_undo_sales_blocked']);

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
  // Kept apart from the mutation's error, which a second request clears.
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const undo = useUndoImport();

  const run = (keepChanged: boolean) =>
    undo.mutate({ id: importId, keepChanged }, {
      onSuccess: (record) => {
        setOpen(false);
        notifySaved(record.message || t('transfer.import.undo.done'));
        onUndone?.(record);
      },
      onError: (error) => {
        if (isApiError(error) && refusalCodes.has(error.code)) setRefusal(error);
      },
    });

  const kept = refusal ? (refusal.body.contacts as KeptContact[] | undefined) : undefined;
  const partial = isApiError(refusal, 'import_undo_blocked');
  // An error of the partial undo itself, shown under the refusal.
  const laterError = refusal && undo.error !== null && undo.error !== refusal ? undo.error : null;

  return (
    <>
      <Button data-testid="undo-import" size={size} variant="default" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={() => {
        undo.reset();
        setRefusal(null);
        setOpen(true);
      }}>
        {t('transfer.import.undo.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={refusal ? t('transfer.import.undo.blockedTitle') : t('transfer.import.undo.confirmTitle')}
        centered
        size={kept ? 'lg' : 'md'}
      >
        {refusal ? (
          <Stack gap="sm">
            <Alert color="orange" variant="light" icon={<IconLock size={18} />}>
              <Text size="sm">{errorMessage(refusal, t)}</Text>
            </Alert>
            {kept && <KeptContacts contacts={kept} count={Number(refusal.body.count ?? kept.length)} />}
            <Text size="sm">{partial ? t('transfer.import.undo.partialHint') : t(kindKey(kind, 'transfer.import.undo.blockedHint'))}</Text>
            {laterError !== null && (
              <Alert color="red" variant="light">
                <Text size="sm">{errorMessage(laterError, t)}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t('common.close')}</Button>
              {partial && (
                <Button color="red" loading={undo.isPending} onClick={() => run(true)} data-testid="undo-import-partial">
                  {t('transfer.import.undo.partialButton')}
                </Button>
              )}
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
              <Button color="red" loading={undo.isPending} onClick={() => run(false)}>{t('transfer.import.undo.confirmButton')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
