import { Divider, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { customFieldKeys, type Business, type CustomFieldKey, type User } from '../../api/types.ts';
import { FormSection } from '../../layout/FormSection.tsx';
import type { FormState } from '../../shared/form.ts';
import { DateField } from '../../shared/DateField.tsx';
import { inputToIso, isoToInput } from '../../shared/dates.ts';
import { countryOptions } from '../../shared/places.ts';
import { currentLocale } from '../../i18n/index.ts';
import { CustomerGroupFields } from '../../pricing/CustomerGroupFields.tsx';
import { bind } from './BaseSection.tsx';
import type { ContactFormValues } from './values.ts';

export function DetailsSection({
  form,
  business,
  users,
}: {
  form: FormState<ContactFormValues>;
  business: Business;
  /** The business's users, or null when the caller may not list them. */
  users: User[] | null;
}) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const countries = useMemo(() => countryOptions(locale), [locale, i18n.language]);
  const isCustomer = form.values.type !== 'supplier';
  const labelledFields = customFieldKeys.filter((key) => business.customFieldLabels[key]?.trim());

  const setCustomField = (key: CustomFieldKey, value: string) =>
    form.set('customFields', { ...form.values.customFields, [key]: value });

  return (
    <FormSection title={t('contactForm.detailsSection')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <TextInput label={t('contact.fields.taxNumber')} autoComplete="off" {...bind(form, 'taxNumber')} />
        {isCustomer && (
          // The form keeps the date as typed, day first, and converts it when saving.
          <DateField
            label={t('contact.fields.dateOfBirth')}
            value={inputToIso(form.values.dateOfBirth)}
            onChange={(value) => form.set('dateOfBirth', isoToInput(value))}
            error={form.error('dateOfBirth')}
          />
        )}
      </SimpleGrid>

      <Divider label={t('contactForm.address')} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('contact.fields.addressLine1')} autoComplete="off" {...bind(form, 'addressLine1')} />
        <TextInput label={t('contact.fields.addressLine2')} autoComplete="off" {...bind(form, 'addressLine2')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <TextInput label={t('contact.fields.zipCode')} autoComplete="off" {...bind(form, 'zipCode')} />
        <TextInput label={t('contact.fields.city')} autoComplete="off" {...bind(form, 'city')} />
        <TextInput label={t('contact.fields.state')} autoComplete="off" {...bind(form, 'state')} />
        <Select
          label={t('contact.fields.country')}
          searchable
          clearable
          data={countries}
          value={form.values.country}
          onChange={(value) => form.set('country', value)}
          nothingFoundMessage={t('common.nothingFound')}
          error={form.error('country')}
        />
      </SimpleGrid>
      <Textarea
        label={t('contact.fields.shippingAddress')}
        autosize
        minRows={2}
        maxRows={5}
        {...bind(form, 'shippingAddress')}
      />

      {(users || isCustomer || labelledFields.length > 0) && <Divider label={t('contactForm.followUp')} labelPosition="left" />}
      {users && (
        <MultiSelect
          label={t('contact.fields.assignedUsers')}
          description={t('contactForm.assignedUsersHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          data={users.filter((user) => user.isActive).map((user) => ({ value: user.id, label: user.name }))}
          value={form.values.assignedUserIds}
          onChange={(value) => form.set('assignedUserIds', value)}
          placeholder={form.values.assignedUserIds.length === 0 ? t('contactForm.assignedUsersPlaceholder') : undefined}
          searchable
          clearable
          error={form.error('assignedUserIds')}
        />
      )}
      {isCustomer && <CustomerGroupFields form={form} />}
      {labelledFields.length > 0 && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {labelledFields.map((key) => (
            <TextInput
              key={key}
              label={business.customFieldLabels[key]}
              value={form.values.customFields[key] ?? ''}
              onChange={(event) => setCustomField(key, event.currentTarget.value)}
              error={form.error(`customFields.${key}`)}
            />
          ))}
        </SimpleGrid>
      )}

      <Divider label={t('contactForm.bankAccount')} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('contact.fields.iban')} autoComplete="off" {...bind(form, 'iban', 'bankAccount.iban')} />
        <TextInput label={t('contact.fields.bic')} autoComplete="off" {...bind(form, 'bic', 'bankAccount.bic')} />
        <TextInput
          label={t('contact.fields.holder')}
          autoComplete="off"
          {...bind(form, 'holder', 'bankAccount.holder')}
        />
      </SimpleGrid>
    </FormSection>
  );
}
