/**
 * The document's pay term: the contact's own (the default), due at once, or
 * another term typed here, with its label and due-date rule spelled out.
 */
import { Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PayTerm } from '../api/types.ts';
import { payTermLabel, payTermRule, termFromText } from '../contacts/form/payTerm.ts';
import type { DocumentFormValues, TermMode } from './formValues.ts';

export function PayTermField({
  values,
  contactTerm,
  onChange,
  error,
}: {
  values: DocumentFormValues;
  /** The chosen contact's term; undefined while no contact is chosen. */
  contactTerm: PayTerm | null | undefined;
  onChange: (changes: Partial<DocumentFormValues>) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const custom = termFromText(values.termNumber, values.termUnit, values.termEndOfMonth);
  let shownTerm: PayTerm | null = custom;
  if (values.termMode === 'contact') shownTerm = contactTerm ?? null;
  if (values.termMode === 'none') shownTerm = null;

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('trade.form.payTerm')}
      </Text>
      <SegmentedControl
        value={values.termMode}
        onChange={(value) => onChange({ termMode: value as TermMode })}
        data={[
          { value: 'contact', label: t('trade.form.termContact') },
          { value: 'none', label: t('trade.form.termNone') },
          { value: 'custom', label: t('trade.form.termCustom') },
        ]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
      {values.termMode === 'custom' && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={t('contact.fields.payTermNumber')}
            inputMode="numeric"
            w={110}
            value={values.termNumber}
            onChange={(event) => onChange({ termNumber: event.currentTarget.value })}
            error={error}
          />
          <Select
            label={t('contact.fields.payTermUnit')}
            w={130}
            data={[
              { value: 'days', label: t('payTerm.unitDays') },
              { value: 'months', label: t('payTerm.unitMonths') },
            ]}
            value={values.termUnit}
            allowDeselect={false}
            onChange={(value) => onChange({ termUnit: (value ?? 'days') as PayTerm['unit'] })}
          />
          <Checkbox
            mb={8}
            label={t('contact.fields.endOfMonth')}
            checked={values.termEndOfMonth}
            onChange={(event) => onChange({ termEndOfMonth: event.currentTarget.checked })}
          />
        </Group>
      )}
      {(values.termMode !== 'contact' || contactTerm !== undefined) && (
        <Text size="xs" c="dimmed" data-testid="document-pay-term">
          {payTermLabel(shownTerm, t)} · {payTermRule(shownTerm, t)}
        </Text>
      )}
      {values.termMode !== 'custom' && error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
