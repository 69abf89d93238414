/**
 * The Pay dialog: amount (prefilled with what is due), method, date,
 * reference and note, and the direction for a contact that is both customer
 * and supplier. One `Idempotency-Key` is made per opening, so a double click
 * or a retry records one payment. Once saved it shows what the payment
 * settled and the advance left.
 */
import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from '../ledger/dates.ts';
import { compareDecimals, subtractDecimals } from '../ledger/minor.ts';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, numberCheck, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { useMoneyRule } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal } from '../shared/number-input.ts';
import { type Direction, type Payment, usePaymentMethods, useRecordPayment } from './api.ts';
import { amountDue, newIdempotencyKey, type PayContact, usualDirection } from './due.ts';
import { AmountField } from './OperationParts.tsx';
import { PaymentReceipt } from './PaymentReceipt.tsx';

/** A document the payment settles first, with what is still open on it. */
export interface PayTarget {
  id: string;
  reference: string;
  openAmount: string;
  direction: Direction;
}

interface PayValues {
  direction: Direction;
  amount: string;
  method: string;
  date: string;
  reference: string;
  note: string;
}

const shownPaths = ['direction', 'amount', 'method', 'date', 'reference', 'note'] as const;
const isShownPath = (path: string) => (shownPaths as readonly string[]).includes(path);

export function PayDialog({
  contact,
  target,
  opening,
  opened,
  onClose,
}: {
  contact: PayContact;
  target?: PayTarget;
  /** Changes on every opening, so each one starts a fresh form and a fresh key. */
  opening: number;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} centered size="lg" title={t('payments.dialog.title', { name: contact.name })}>
      <PayForm key={opening} contact={contact} target={target} onClose={onClose} />
    </Modal>
  );
}

function PayForm({ contact, target, onClose }: { contact: PayContact; target?: PayTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const { currency, timezone } = session.business;
  const methods = usePaymentMethods();
  const record = useRecordPayment();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [saved, setSaved] = useState<Payment | null>(null);
  const [failure, setFailure] = useState<string[]>([]);

  const fixedDirection = target?.direction ?? usualDirection(contact.type);
  const dueIn = (direction: Direction) => (target ? target.openAmount : amountDue(contact, direction, currency));
  const initialDirection = fixedDirection ?? 'received';
  const rule = useMoneyRule('positive');
  const form = useFormState<PayValues>({
    direction: initialDirection,
    amount: decimalToField(dueIn(initialDirection), format.locale, rule),
    method: 'cash',
    date: todayIn(timezone),
    reference: '',
    note: '',
  });
  const { values } = form;
  const due = dueIn(values.direction);
  const typed = fieldToDecimal(values.amount, format.locale, rule);
  const excess = typed !== null && compareDecimals(typed, due, currency) > 0 ? subtractDecimals(typed, due, currency) : null;

  if (saved) return <PaymentReceipt payment={saved} onClose={onClose} />;

  const changeDirection = (direction: Direction) => {
    form.setValues((current) => ({ ...current, direction, amount: decimalToField(dueIn(direction), format.locale, rule) }));
  };

  const submit = () => {
    if (record.isPending) return;
    setFailure([]);
    const problems = collectErrors({
      amount: numberCheck(values.amount, format.locale, rule, t, { required: true }),
      date: requiredError(values.date, t),
    });
    form.setErrors(problems);
    if (typed === null || Object.keys(problems).length > 0) return;
    record.mutate(
      {
        idempotencyKey,
        input: {
          contactId: contact.id,
          amount: typed,
          method: values.method,
          date: values.date,
          ...(contact.type === 'both' ? { direction: values.direction } : {}),
          ...(values.reference.trim() ? { reference: values.reference.trim() } : {}),
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
          ...(target ? { allocations: [{ documentId: target.id, amount: minOf(typed, target.openAmount, currency) }] } : {}),
        },
      },
      {
        onSuccess: setSaved,
        onError: (error) => {
          const unshown = form.takeErrors(error, shownPaths);
          const underFields = isApiError(error) && error.issues.some((issue) => isShownPath(issue.path));
          setFailure(underFields ? unshown : [errorMessage(error, t), ...unshown]);
        },
      },
    );
  };

  const methodOptions = (methods.data ?? [])
    .filter((method) => method.active)
    .map((method) => ({ value: method.code, label: method.label }));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {target && (
          <Text size="sm" c="dimmed">
            {t('payments.dialog.forDocument', { reference: target.reference })}
          </Text>
        )}
        {fixedDirection === null && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('payments.dialog.direction')}
            </Text>
            <SegmentedControl
              fullWidth
              value={values.direction}
              onChange={(value) => changeDirection(value as Direction)}
              data={[
                { value: 'received', label: t('payments.direction.received') },
                { value: 'paid', label: t('payments.direction.paid') },
              ]}
            />
            {form.error('direction') && (
              <Text size="xs" c="red">
                {form.error('direction')}
              </Text>
            )}
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <AmountField
            label={t('payments.fields.amount')}
            value={values.amount}
            onChange={(value) => form.set('amount', value)}
            error={form.error('amount')}
            description={
              <>
                {t('payments.dialog.due', { amount: format.money(due) })}
                {excess && ` · ${t('payments.dialog.excess', { amount: format.money(excess) })}`}
              </>
            }
          />
          <Select
            label={t('payments.fields.method')}
            required
            data={methodOptions.length > 0 ? methodOptions : [{ value: 'cash', label: t('payments.methods.cash') }]}
            value={values.method}
            onChange={(value) => form.set('method', value ?? 'cash')}
            allowDeselect={false}
            error={form.error('method')}
            comboboxProps={{ withinPortal: true }}
          />
          <DateField
            label={t('payments.fields.date')}
            required
            value={values.date}
            onChange={(value) => form.set('date', value)}
            error={form.error('date')}
          />
          <TextInput
            label={t('payments.fields.reference')}
            placeholder={t('payments.fields.referenceHint')}
            value={values.reference}
            onChange={(event) => form.set('reference', event.currentTarget.value)}
            error={form.error('reference')}
            maxLength={100}
          />
        </SimpleGrid>
        <Textarea
          label={t('payments.fields.note')}
          autosize
          minRows={2}
          value={values.note}
          onChange={(event) => form.set('note', event.currentTarget.value)}
          error={form.error('note')}
          maxLength={2000}
        />
        {failure.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('payments.dialog.notSaved')}>
            <Stack gap={2}>
              {failure.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t(values.direction === 'paid' ? 'payments.dialog.submitPaid' : 'payments.dialog.submitReceived')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Returns the smaller of two amounts, because an allocation can be no larger than what is open on its document. */
function minOf(a: string, b: string, currency: string): string {
  return compareDecimals(a, b, currency) <= 0 ? a : b;
}
