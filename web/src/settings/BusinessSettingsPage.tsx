/** The business's settings: name, language, time zone, country, code prefix and credit policy. */
import { Alert, Button, Group, Radio, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Business, Locale } from '../api/types.ts';
import { currentLocale } from '../i18n/index.ts';
import { FormSection } from '../layout/FormSection.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { countryOptions, currencyOptions, timeZoneOptions } from '../shared/places.ts';
import { useBusiness, useSaveBusiness } from './api.ts';
import { SettingsGuard } from './SettingsGuard.tsx';

export function BusinessSettingsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  return (
    <SettingsGuard permission="settings.manage">
      <PageHeader title={t('settings.business.title')} description={t('settings.business.description')} />
      {business.isPending ? (
        <Skeleton height={360} radius="md" maw={860} />
      ) : business.isError ? (
        <QueryError error={business.error} onRetry={() => business.refetch()} />
      ) : (
        <BusinessForm business={business.data} key={business.data.id} />
      )}
    </SettingsGuard>
  );
}

type Values = Pick<
  Business,
  'name' | 'currency' | 'locale' | 'timezone' | 'country' | 'contactCodePrefix' | 'creditLimitPolicy'
>;

const paths = ['name', 'currency', 'locale', 'timezone', 'country', 'contactCodePrefix', 'creditLimitPolicy'];

function BusinessForm({ business }: { business: Business }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const save = useSaveBusiness();
  const form = useFormState<Values>({
    name: business.name,
    currency: business.currency,
    locale: business.locale,
    timezone: business.timezone,
    country: business.country,
    contactCodePrefix: business.contactCodePrefix,
    creditLimitPolicy: business.creditLimitPolicy,
  });
  const countries = useMemo(() => countryOptions(locale), [locale, i18n.language]);
  const currencies = useMemo(() => {
    const options = currencyOptions(locale);
    const known = options.some((option) => option.value === business.currency);
    return known ? options : [{ value: business.currency, label: business.currency }, ...options];
  }, [locale, business.currency, i18n.language]);
  const currencyLocked = business.currencyLocked !== false;
  const timeZones = useMemo(() => timeZoneOptions(form.values.timezone), [form.values.timezone]);
  const unshownError = save.isError && Object.keys(form.errors).length === 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const { currency, ...others } = form.values;
    const changes = currencyLocked || currency === business.currency ? others : form.values;
    save.mutate(changes, {
      onSuccess: () => notifySaved(t('settings.saved')),
      onError: (error) => form.takeErrors(error, paths),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={860}>
        {unshownError && (
          <Alert color="red" icon={<IconAlertCircle size={18} />}>
            {errorMessage(save.error, t)}
          </Alert>
        )}
        <FormSection title={t('settings.business.identity')}>
          <TextInput
            label={t('settings.business.name')}
            required
            value={form.values.name}
            onChange={(e) => form.set('name', e.currentTarget.value)}
            error={form.error('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('settings.business.language')}
              description={t('settings.business.languageHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data={[
                { value: 'fr', label: t('language.fr') },
                { value: 'en', label: t('language.en') },
              ]}
              value={form.values.locale}
              allowDeselect={false}
              onChange={(value) => form.set('locale', (value ?? 'fr') as Locale)}
              error={form.error('locale')}
            />
            <Select
              label={t('settings.business.currency')}
              description={t(currencyLocked ? 'settings.business.currencyLocked' : 'settings.business.currencyHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data={currencies}
              value={form.values.currency}
              allowDeselect={false}
              readOnly={currencyLocked}
              variant={currencyLocked ? 'filled' : 'default'}
              onChange={(value) => form.set('currency', value ?? business.currency)}
              error={form.error('currency')}
            />
            <Select
              label={t('settings.business.country')}
              searchable
              data={countries}
              value={form.values.country}
              allowDeselect={false}
              onChange={(value) => form.set('country', value ?? business.country)}
              nothingFoundMessage={t('common.nothingFound')}
              error={form.error('country')}
            />
            <Select
              label={t('settings.business.timezone')}
              searchable
              limit={50}
              data={timeZones}
              value={form.values.timezone}
              allowDeselect={false}
              onChange={(value) => form.set('timezone', value ?? business.timezone)}
              nothingFoundMessage={t('common.nothingFound')}
              error={form.error('timezone')}
            />
          </SimpleGrid>
        </FormSection>

        <FormSection title={t('settings.business.contacts')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('settings.business.codePrefix')}
              description={t('settings.business.codePrefixHint', {
                example: `${form.values.contactCodePrefix}0001`,
              })}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={form.values.contactCodePrefix}
              onChange={(e) => form.set('contactCodePrefix', e.currentTarget.value)}
              error={form.error('contactCodePrefix')}
            />
          </SimpleGrid>
          <Radio.Group
            label={t('settings.business.creditPolicy')}
            value={form.values.creditLimitPolicy}
            onChange={(value) => form.set('creditLimitPolicy', value as Business['creditLimitPolicy'])}
            error={form.error('creditLimitPolicy')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="block" label={t('settings.business.policyBlock')} description={t('settings.business.policyBlockHint')} />
              <Radio value="warn" label={t('settings.business.policyWarn')} description={t('settings.business.policyWarnHint')} />
            </Stack>
          </Radio.Group>
        </FormSection>

        <Group justify="flex-end">
          <Text size="xs" c="dimmed">
            {t('settings.business.savedFor')}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
