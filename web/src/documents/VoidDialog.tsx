/** Voiding a final document, after confirmation: the ledger gets a reversal, nothing is deleted. */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from '../ledger/dates.ts';
import { errorMessage, fieldErrorsOf } from '../shared/errors.ts';
import { useExclusive } from '../shared/exclusive.ts';
import { notifySaved } from '../shared/notify.ts';
import { type SaleDocument, useVoidDocument } from './api.ts';
import type { DocumentSection } from './paths.ts';

export function VoidDialog({
  document,
  section,
  opened,
  onClose,
}: {
  document: SaleDocument;
  section: DocumentSection;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const change = useVoidDocument(section, document.id);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(() => todayIn(session.business.timezone));

  const close = () => {
    change.reset();
    onClose();
  };
  const exclusive = useExclusive();
  const confirm = () =>
    exclusive(async () => {
      try {
        await change.mutateAsync({ ...(reason.trim() ? { reason: reason.trim() } : {}), date });
      } catch {
        // The dialog shows the error from change.error.
        return;
      }
      notifySaved(t('trade.void.done', { reference: document.reference }));
      close();
    });

  return (
    <Modal opened={opened} onClose={close} centered title={t('trade.void.title', { reference: document.reference })}>
      <Stack>
        <Text size="sm">
          {t('trade.void.text', { total: format.money(document.total) })}
        </Text>
        {document.returns.some((entry) => entry.status === 'final') && (
          <Text size="sm" c="dimmed" data-testid="void-returns-note">
            {t('trade.void.withReturns', { count: document.returns.filter((entry) => entry.status === 'final').length })}
          </Text>
        )}
        <DateField
          label={t('trade.void.date')}
          value={date}
          onChange={setDate}
          error={fieldErrorsOf(change.error).date}
        />
        <Textarea
          label={t('trade.void.reason')}
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {change.isError && (
          <Alert color="red" variant="light">
            {errorMessage(change.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('trade.void.keep')}
          </Button>
          <Button color="red" loading={change.isPending} onClick={confirm}>
            {t(`trade.${section}.void`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
