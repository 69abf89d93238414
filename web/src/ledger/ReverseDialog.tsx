/**
 * The Reverse dialog for a ledger line: a payment, a refund or a discount is
 * never deleted but reversed, with a reason and a date. What it settled
 * becomes open again.
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { FailureAlert, failureMessages } from '../payments/OperationParts.tsx';
import { useReverseDiscount, useReversePayment } from '../payments/operations.ts';
import { collectErrors, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { decimalSign } from '../shared/money.ts';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from './dates.ts';
import type { LedgerLine } from './types.ts';

const shownPaths = ['reason', 'date'] as const;

export function ReverseDialog({
  contactId,
  line,
  onClose,
}: {
  contactId: string;
  /** The line to reverse; the dialog is open while it is set. */
  line: LedgerLine | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={line !== null} onClose={onClose} centered title={line ? t('operations.reverse.title', { reference: line.reference }) : ''}>
      {line && <ReverseForm key={line.id} contactId={contactId} line={line} onClose={onClose} />}
    </Modal>
  );
}

function ReverseForm({ contactId, line, onClose }: { contactId: string; line: LedgerLine; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { timezone } = useSession().business;
  const payment = useReversePayment(contactId);
  const discount = useReverseDiscount(contactId);
  const mutation = line.sourceType === 'discount' ? discount : payment;
  const [failure, setFailure] = useState<string[]>([]);
  const form = useFormState({ reason: '', date: todayIn(timezone) });
  const amount = decimalSign(line.debit) !== 0 ? line.debit : line.credit;

  const submit = () => {
    if (mutation.isPending) return;
    setFailure([]);
    const problems = collectErrors({ reason: requiredError(form.values.reason, t), date: requiredError(form.values.date, t) });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    mutation.mutate(
      { id: line.sourceId, input: { reason: form.values.reason.trim(), date: form.values.date } },
      { onSuccess: onClose, onError: (error) => setFailure(failureMessages(error, form, shownPaths, t)) },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm">
            {t(line.sourceType === 'discount' ? 'operations.reverse.explainDiscount' : 'operations.reverse.explainPayment', {
              type: t(`ledger.types.${line.type}`, { defaultValue: line.type }),
              amount: format.money(amount),
              date: format.date(line.date),
            })}
          </Text>
        </Alert>
        <Textarea
          label={t('operations.reverse.reason')}
          placeholder={t('operations.reverse.reasonHint')}
          required
          autosize
          minRows={2}
          value={form.values.reason}
          onChange={(event) => form.set('reason', event.currentTarget.value)}
          error={form.error('reason')}
          maxLength={500}
          data-autofocus
        />
        <DateField
          label={t('operations.reverse.date')}
          required
          value={form.values.date}
          onChange={(value) => form.set('date', value)}
          error={form.error('date')}
        />
        <FailureAlert title={t('operations.reverse.notSaved')} messages={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            {t('operations.reverse.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
