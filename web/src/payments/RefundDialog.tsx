/**
 * The Refund dialog: pays back a customer's advance (its unused payments and
 * return excesses), or records a supplier paying back what it owes the shop.
 * The amount is prefilled with all the credit there is, which the server
 * also checks. One `Idempotency-Key` is made per opening.
 */
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useOpenItems } from '../ledger/api.ts';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from '../ledger/dates.ts';
import { collectErrors, numberCheck, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { useMoneyRule } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal } from '../shared/number-input.ts';
import { type Payment, usePaymentMethods } from './api.ts';
import { newIdempotencyKey } from './due.ts';
import { AmountField, FailureAlert, failureMessages, SideSwitch } from './OperationParts.tsx';
import { useRecordRefund } from './operations.ts';
import { PaymentReceipt } from './PaymentReceipt.tsx';
import { type AccountSide, creditItems, openSum, refundDirection, sidesOf } from './sides.ts';

type RefundContact = Pick<Contact, 'id' | 'name' | 'type'>;

interface RefundValues {
  side: AccountSide;
  amount: string;
  method: string;
  date: string;
  reference: string;
  note: string;
}

const shownPaths = ['amount', 'method', 'date', 'reference', 'note'] as const;

export function RefundDialog({
  contact,
  opening,
  opened,
  onClose,
}: {
  contact: RefundContact;
  opening: number;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const items = useOpenItems(contact.id, opened);
  return (
    <Modal opened={opened} onClose={onClose} centered size="lg" title={t('operations.refund.title', { name: contact.name })}>
      {items.data && <RefundForm key={opening} contact={contact} items={items.data} onClose={onClose} />}
    </Modal>
  );
}

function RefundForm({
  contact,
  items,
  onClose,
}: {
  contact: RefundContact;
  items: NonNullable<ReturnType<typeof useOpenItems>['data']>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const { currency, timezone } = session.business;
  const methods = usePaymentMethods();
  const record = useRecordRefund(contact.id);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [saved, setSaved] = useState<Payment | null>(null);
  const [failure, setFailure] = useState<string[]>([]);

  const rule = useMoneyRule('positive');
  const sides = sidesOf(contact.type);
  const available = (side: AccountSide) => openSum(creditItems(items, side), currency);
  const form = useFormState<RefundValues>({
    side: sides[0] ?? 'sale',
    amount: decimalToField(available(sides[0] ?? 'sale'), format.locale, rule),
    method: 'cash',
    date: todayIn(timezone),
    reference: '',
    note: '',
  });
  const { values } = form;

  if (saved) return <PaymentReceipt payment={saved} onClose={onClose} />;

  const submit = () => {
    if (record.isPending) return;
    setFailure([]);
    const problems = collectErrors({
      amount: numberCheck(values.amount, format.locale, rule, t, { required: true }),
      date: requiredError(values.date, t),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    record.mutate(
      {
        idempotencyKey,
        input: {
          contactId: contact.id,
          amount: fieldToDecimal(values.amount, format.locale, rule) ?? '',
          method: values.method,
          date: values.date,
          ...(contact.type === 'both' ? { direction: refundDirection(values.side) } : {}),
          ...(values.reference.trim() ? { reference: values.reference.trim() } : {}),
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
        },
      },
      { onSuccess: setSaved, onError: (error) => setFailure(failureMessages(error, form, shownPaths, t)) },
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
        <Text size="sm" c="dimmed">
          {t(values.side === 'sale' ? 'operations.refund.explainSale' : 'operations.refund.explainPurchase')}
        </Text>
        {sides.length > 1 && (
          <SideSwitch
            value={values.side}
            onChange={(side) =>
              form.setValues((current) => ({ ...current, side, amount: decimalToField(available(side), format.locale, rule) }))
            }
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <AmountField
            label={t('payments.fields.amount')}
            value={values.amount}
            onChange={(value) => form.set('amount', value)}
            error={form.error('amount')}
            description={t('operations.refund.available', { amount: format.money(available(values.side)) })}
          />
          <Select
            label={t('payments.fields.method')}
            required
            data={methodOptions.length > 0 ? methodOptions : [{ value: 'cash', label: t('payments.methods.cash') }]}
            value={values.method}
            onChange={(value) => form.set('method', value ?? 'cash')}
            allowDeselect={false}
            error={form.error('method')}
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
        <FailureAlert title={t('operations.refund.notSaved')} messages={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t(values.side === 'sale' ? 'operations.refund.submitSale' : 'operations.refund.submitPurchase')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
