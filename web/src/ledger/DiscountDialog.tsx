/**
 * The Discount dialog: writes off part of what a contact owes (or of what
 * the shop owes a supplier) with a reason. The amount can be no larger than
 * what is open on that side, which the server checks too.
 */
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { AmountField, FailureAlert, failureMessages, SideSwitch } from '../payments/OperationParts.tsx';
import { type Discount, useRecordDiscount } from '../payments/operations.ts';
import { type AccountSide, documentItems, openSum, sidesOf } from '../payments/sides.ts';
import { collectErrors, numberCheck, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { useMoneyRule } from '../shared/NumberField.tsx';
import { fieldToDecimal } from '../shared/number-input.ts';
import { useOpenItems } from './api.ts';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from './dates.ts';
import type { OpenItem } from './types.ts';

type DiscountContact = Pick<Contact, 'id' | 'name' | 'type'>;

interface DiscountValues {
  side: AccountSide;
  amount: string;
  date: string;
  reason: string;
}

const shownPaths = ['amount', 'date', 'reason'] as const;

export function DiscountDialog({
  contact,
  opening,
  opened,
  onClose,
}: {
  contact: DiscountContact;
  opening: number;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const items = useOpenItems(contact.id, opened);
  return (
    <Modal opened={opened} onClose={onClose} centered title={t('operations.discount.title', { name: contact.name })}>
      {items.data && <DiscountForm key={opening} contact={contact} items={items.data} onClose={onClose} />}
    </Modal>
  );
}

function DiscountForm({ contact, items, onClose }: { contact: DiscountContact; items: OpenItem[]; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency, timezone } = useSession().business;
  const record = useRecordDiscount(contact.id);
  const [saved, setSaved] = useState<Discount | null>(null);
  const [failure, setFailure] = useState<string[]>([]);
  const sides = sidesOf(contact.type);
  const form = useFormState<DiscountValues>({ side: sides[0] ?? 'sale', amount: '', date: todayIn(timezone), reason: '' });
  const { values } = form;
  const rule = useMoneyRule('positive');
  const due = openSum(documentItems(items, values.side), currency);

  if (saved) {
    return (
      <Stack gap="md" data-testid="discount-saved">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          <Text size="sm" fw={600}>
            {t('operations.discount.done', { reference: saved.reference, amount: format.money(saved.amount) })}
          </Text>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  const submit = () => {
    if (record.isPending) return;
    setFailure([]);
    const problems = collectErrors({
      amount: numberCheck(values.amount, format.locale, rule, t, { required: true }),
      date: requiredError(values.date, t),
      reason: requiredError(values.reason, t),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    record.mutate(
      {
        amount: fieldToDecimal(values.amount, format.locale, rule) ?? '',
        date: values.date,
        reason: values.reason.trim(),
        ...(contact.type === 'both' ? { side: values.side } : {}),
      },
      { onSuccess: setSaved, onError: (error) => setFailure(failureMessages(error, form, shownPaths, t)) },
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
        <Text size="sm" c="dimmed">
          {t(values.side === 'sale' ? 'operations.discount.explainSale' : 'operations.discount.explainPurchase')}
        </Text>
        {sides.length > 1 && <SideSwitch value={values.side} onChange={(side) => form.set('side', side)} />}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <AmountField
            label={t('payments.fields.amount')}
            value={values.amount}
            onChange={(value) => form.set('amount', value)}
            error={form.error('amount')}
            description={t('operations.discount.open', { amount: format.money(due) })}
          />
          <DateField
            label={t('payments.fields.date')}
            required
            value={values.date}
            onChange={(value) => form.set('date', value)}
            error={form.error('date')}
          />
        </SimpleGrid>
        <Textarea
          label={t('operations.discount.reason')}
          placeholder={t('operations.discount.reasonHint')}
          required
          autosize
          minRows={2}
          value={values.reason}
          onChange={(event) => form.set('reason', event.currentTarget.value)}
          error={form.error('reason')}
          maxLength={500}
        />
        <FailureAlert title={t('operations.discount.notSaved')} messages={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('operations.discount.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
