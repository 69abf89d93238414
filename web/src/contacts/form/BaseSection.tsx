import { Divider, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormSection } from '../../layout/FormSection.tsx';
import type { FormState } from '../../shared/form.ts';
import type { ContactFormValues } from './values.ts';

type TextKey = {
  [K in keyof ContactFormValues]: ContactFormValues[K] extends string ? K : never;
}[keyof ContactFormValues];

/** Props binding one text input to a form value and its server message. */
export function bind(form: FormState<ContactFormValues>, key: TextKey, path: string = key) {
  return {
    value: form.values[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.set(key, event.currentTarget.value),
    error: form.error(path),
  };
}

export function BaseSection({ form, codePrefix }: { form: FormState<ContactFormValues>; codePrefix: string }) {
  const { t } = useTranslation();
  const isBusiness = form.values.kind === 'business';
  const nameError = form.error('name');

  const personFields = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <TextInput label={t('contact.fields.prefix')} placeholder={t('contactForm.prefixHint')} {...bind(form, 'prefix')} />
      <TextInput
        label={t('contact.fields.firstName')}
        required={!isBusiness}
        autoComplete="off"
        {...bind(form, 'firstName')}
        error={form.error('firstName') ?? (isBusiness ? undefined : nameError)}
      />
      <TextInput label={t('contact.fields.middleName')} autoComplete="off" {...bind(form, 'middleName')} />
      <TextInput label={t('contact.fields.lastName')} autoComplete="off" {...bind(form, 'lastName')} />
    </SimpleGrid>
  );

  return (
    <FormSection title={t('contactForm.baseSection')}>
      {isBusiness ? (
        <>
          <TextInput
            label={t('contact.fields.businessName')}
            required
            autoComplete="off"
            {...bind(form, 'businessName')}
            error={form.error('businessName') ?? nameError}
          />
          <Divider label={t('contactForm.contactPerson')} labelPosition="left" />
          {personFields}
        </>
      ) : (
        personFields
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <TextInput
          label={t('contact.fields.code')}
          placeholder={t('contactForm.codePlaceholder', { example: `${codePrefix}0001` })}
          description={t('contactForm.codeHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autoComplete="off"
          {...bind(form, 'code')}
        />
        <TextInput
          label={t('contact.fields.mobile')}
          required
          type="tel"
          autoComplete="off"
          {...bind(form, 'mobile')}
        />
        <TextInput label={t('contact.fields.alternateNumber')} type="tel" autoComplete="off" {...bind(form, 'alternateNumber')} />
        <TextInput label={t('contact.fields.landline')} type="tel" autoComplete="off" {...bind(form, 'landline')} />
        <TextInput label={t('contact.fields.email')} type="email" autoComplete="off" {...bind(form, 'email')} />
      </SimpleGrid>
    </FormSection>
  );
}
