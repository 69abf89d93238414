import { Alert, Checkbox, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PayTerm } from '../../api/types.ts';
import { FormSection } from '../../layout/FormSection.tsx';
import type { FormState } from '../../shared/form.ts';
import { bind } from './BaseSection.tsx';
import { payTermLabel, payTermRule, termFromText } from './payTerm.ts';
import type { ContactFormValues } from './values.ts';

function currencySymbol(currency: string, locale: string): string {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}

export function OpeningBalanceSection({
  form,
  currency,
  editing,
}: {
  form: FormState<ContactFormValues>;
  currency: string;
  editing: boolean;
}) {
  const { t, i18n } = useTranslation();
  const symbol = currencySymbol(currency, i18n.language);
  return (
    <FormSection title={t('contactForm.openingSection')} description={t('contactForm.openingHint')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <TextInput
          label={t('contact.fields.openingBalance')}
          inputMode="decimal"
          placeholder={t('contactForm.amountPlaceholder')}
          rightSection={<Text size="sm" c="dimmed">{symbol}</Text>}
          classNames={{ input: 'amount' }}
          {...bind(form, 'openingBalance')}
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
  const { t, i18n } = useTranslation();
  const symbol = currencySymbol(currency, i18n.language);
  const isCustomer = form.values.type !== 'supplier';
  const showsLimit = isCustomer && canSetLimit;
  const { payTermNumber, payTermUnit, payTermEndOfMonth } = form.values;
  const term = termFromText(payTermNumber, payTermUnit, payTermEndOfMonth);
  const termError = form.error('payTerm.number') ?? form.error('payTerm');

  return (
    <FormSection title={t(showsLimit ? 'contactForm.creditSection' : 'contactForm.termsSection')}>
      {showsLimit && (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput
            label={t('contact.fields.creditLimit')}
            description={t('contactForm.creditLimitHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            inputMode="decimal"
            placeholder={t('contactForm.noLimit')}
            rightSection={<Text size="sm" c="dimmed">{symbol}</Text>}
            classNames={{ input: 'amount' }}
            {...bind(form, 'creditLimit')}
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
