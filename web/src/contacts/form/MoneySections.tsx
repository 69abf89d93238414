import { Alert, Checkbox, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PayTerm } from '../../api/types.ts';
import { FormSection } from '../../layout/FormSection.tsx';
import type { FormState } from '../../shared/form.ts';
import { minorDigits } from '../../ledger/minor.ts';
import { NumberField } from '../../shared/NumberField.tsx';
import { payTermLabel, payTermRule, termFromText } from './payTerm.ts';
import { type ContactFormValues, moneyRules } from './values.ts';

export function OpeningBalanceSection({
  form,
  currency,
  editing,
}: {
  form: FormState<ContactFormValues>;
  currency: string;
  editing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <FormSection title={t('contactForm.openingSection')} description={t('contactForm.openingHint')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <NumberField
          label={t('contact.fields.openingBalance')}
          rule={moneyRules(minorDigits(currency)).openingBalance}
          currency={currency}
          placeholder={t('contactForm.amountPlaceholder')}
          value={form.values.openingBalance}
          onChange={(value) => form.set('openingBalance', value)}
          error={form.error('openingBalance')}
        />
      </SimpleGrid>
      {editing && (
        <Text size="xs" c="dimmed">
          {t('contactForm.openingEditHint')}
        </Text>
      )}
    </FormSection>
  );
}

export function CreditSection({
  form,
  currency,
  canSetLimit,
}: {
  form: FormState<ContactFormValues>;
  currency: string;
  /** True when the user has `credit_limit.override`, which setting a credit limit needs. */
  canSetLimit: boolean;
}) {
  const { t } = useTranslation();
  const isCustomer = form.values.type !== 'supplier';
  const showsLimit = isCustomer && canSetLimit;
  const { payTermNumber, payTermUnit, payTermEndOfMonth } = form.values;
  const term = termFromText(payTermNumber, payTermUnit, payTermEndOfMonth);
  const termError = form.error('payTerm.number') ?? form.error('payTerm');

  return (
    <FormSection title={t(showsLimit ? 'contactForm.creditSection' : 'contactForm.termsSection')}>
      {showsLimit && (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <NumberField
            label={t('contact.fields.creditLimit')}
            description={t('contactForm.creditLimitHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            rule={moneyRules(minorDigits(currency)).creditLimit}
            currency={currency}
            placeholder={t('contactForm.noLimit')}
            value={form.values.creditLimit}
            onChange={(value) => form.set('creditLimit', value)}
            error={form.error('creditLimit')}
          />
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, xs: 3 }} maw={640}>
        <TextInput
          label={t('contact.fields.payTermNumber')}
          inputMode="numeric"
          placeholder="30"
          value={payTermNumber}
          onChange={(event) => form.set('payTermNumber', event.currentTarget.value)}
          error={termError}
        />
        <Select
          label={t('contact.fields.payTermUnit')}
          data={[
            { value: 'days', label: t('payTerm.unitDays') },
            { value: 'months', label: t('payTerm.unitMonths') },
          ]}
          value={payTermUnit}
          allowDeselect={false}
          onChange={(value) => form.set('payTermUnit', (value ?? 'days') as PayTerm['unit'])}
          error={form.error('payTerm.unit')}
        />
        <Group align="flex-end" pb={8}>
          <Checkbox
            label={t('contact.fields.endOfMonth')}
            checked={payTermEndOfMonth}
            onChange={(event) => form.set('payTermEndOfMonth', event.currentTarget.checked)}
          />
        </Group>
      </SimpleGrid>
      <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} p="sm">
        <Text size="sm" fw={600} data-testid="pay-term-label">
          {payTermLabel(term, t)}
        </Text>
        <Text size="sm" c="dimmed">
          {payTermRule(term, t)}
        </Text>
      </Alert>
    </FormSection>
  );
}
