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
  // Without a contact there is no contact's term to follow: the server then
  // makes the document due at once, which is what the field shows.
  const hasContact = contactTerm !== undefined;
  const mode: TermMode = !hasContact && values.termMode === 'contact' ? 'none' : values.termMode;
  let shownTerm: PayTerm | null = custom;
  if (mode === 'contact') shownTerm = contactTerm ?? null;
  if (mode === 'none') shownTerm = null;
  const modes: TermMode[] = hasContact ? ['contact', 'none', 'custom'] : ['none', 'custom'];
  const modeLabels: Record<TermMode, string> = {
    contact: t('trade.form.termContact'),
    none: t('trade.form.termNone'),
    custom: t('trade.form.termCustom'),
  };

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('trade.form.payTerm')}
      </Text>
      <SegmentedControl
        value={mode}
        onChange={(value) => onChange({ termMode: value as TermMode })}
        data={modes.map((value) => ({ value, label: modeLabels[value] }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
      {mode === 'custom' && (
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
      <Text size="xs" c="dimmed" data-testid="document-pay-term">
        {payTermLabel(shownTerm, t)} · {payTermRule(shownTerm, t)}
      </Text>
      {mode !== 'custom' && error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
