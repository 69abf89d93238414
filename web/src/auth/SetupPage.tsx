/** First-run setup: creates the business and its administrator, then signs in. */
import { Alert, Button, Divider, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../shared/PasswordField.tsx';
import { Navigate, useNavigate } from 'react-router';
import type { Locale, SetupInput } from '../api/types.ts';
import { applyLocale, currentLocale, rememberChoiceBeforeSignIn } from '../i18n/index.ts';
import { AuthShell } from '../layout/AuthShell.tsx';
import { FullPageLoader } from '../layout/FullPage.tsx';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, emailError, passwordError, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { countryOptions, currencyOptions, defaultTimeZone, timeZoneOptions } from '../shared/places.ts';
import { useSetup, useSetupQuery } from './api.ts';

const fieldPaths = ['businessName', 'currency', 'locale', 'timezone', 'country', 'adminName', 'email', 'password'];

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const setupStatus = useSetupQuery();
  const setup = useSetup();
  const locale = currentLocale();
  const form = useFormState<SetupInput>({
    businessName: '',
    currency: 'EUR',
    locale,
    timezone: defaultTimeZone('FR'),
    country: 'FR',
    adminName: '',
    email: '',
    password: '',
  });
  // i18n.language is a dependency so names follow the language switch.
  const countries = useMemo(() => countryOptions(locale), [locale, i18n.language]);
  const currencies = useMemo(() => currencyOptions(locale), [locale, i18n.language]);
  const timeZones = useMemo(() => timeZoneOptions(form.values.timezone), [form.values.timezone]);
  // Until the user picks a time zone, it follows the country.
  const [zonePicked, setZonePicked] = useState(false);

  // The header's language switch also sets the business's language.
  const { set } = form;
  useEffect(() => set('locale', locale), [locale, set]);

  if (setupStatus.isPending) return <FullPageLoader />;
  if (setupStatus.data && !setupStatus.data.needed) return <Navigate to="/sign-in" replace />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const v = form.values;
    const problems = collectErrors({
      businessName: requiredError(v.businessName, t),
      country: requiredError(v.country, t),
      timezone: requiredError(v.timezone, t),
      adminName: requiredError(v.adminName, t),
      email: requiredError(v.email, t) ?? emailError(v.email, t),
      password: requiredError(v.password, t) ?? passwordError(v.password, t),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setup.mutate(v, {
      onSuccess: () => navigate('/', { replace: true }),
      onError: (error) => form.takeErrors(error, fieldPaths),
    });
  };

  const chooseLanguage = (value: string | null) => {
    const next = (value ?? 'fr') as Locale;
    form.set('locale', next);
    void applyLocale(next);
    rememberChoiceBeforeSignIn(next);
  };

  return (
    <AuthShell title={t('setup.title')} subtitle={t('setup.subtitle')} width={640}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {setup.isError && Object.keys(form.errors).length === 0 && (
            <Alert color="red" icon={<IconAlertCircle size={18} />}>
              {errorMessage(setup.error, t)}
            </Alert>
          )}
          <Divider label={t('setup.business')} labelPosition="left" />
          <TextInput
            label={t('setup.businessName')}
            required
            autoFocus
            value={form.values.businessName}
            onChange={(e) => form.set('businessName', e.currentTarget.value)}
            error={form.error('businessName')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('setup.currency')}
              required
              data={currencies}
              value={form.values.currency}
              onChange={(value) => form.set('currency', value ?? 'EUR')}
              allowDeselect={false}
              error={form.error('currency')}
            />
            <Select
              label={t('setup.language')}
              required
              data={[
                { value: 'fr', label: t('language.fr') },
                { value: 'en', label: t('language.en') },
              ]}
              value={form.values.locale}
              onChange={chooseLanguage}
              allowDeselect={false}
              error={form.error('locale')}
            />
            <Select
              label={t('setup.country')}
              required
              searchable
              data={countries}
              value={form.values.country}
              onChange={(value) => {
                form.set('country', value ?? '');
                if (value && !zonePicked) form.set('timezone', defaultTimeZone(value));
              }}
              nothingFoundMessage={t('common.nothingFound')}
              error={form.error('country')}
            />
            <Select
              label={t('setup.timezone')}
              required
              searchable
              limit={50}
              data={timeZones}
              value={form.values.timezone}
              allowDeselect={false}
              onChange={(value) => {
                form.set('timezone', value ?? '');
                setZonePicked(true);
              }}
              nothingFoundMessage={t('common.nothingFound')}
              error={form.error('timezone')}
            />
          </SimpleGrid>

          <Divider label={t('setup.admin')} labelPosition="left" mt="sm" />
          <TextInput
            label={t('setup.adminName')}
            required
            autoComplete="name"
            value={form.values.adminName}
            onChange={(e) => form.set('adminName', e.currentTarget.value)}
            error={form.error('adminName')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('setup.email')}
              type="email"
              required
              autoComplete="username"
              value={form.values.email}
              onChange={(e) => form.set('email', e.currentTarget.value)}
              error={form.error('email')}
            />
            <PasswordField
              label={t('setup.password')}
              description={t('account.passwordRule')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              required
              autoComplete="new-password"
              value={form.values.password}
              onChange={(e) => form.set('password', e.currentTarget.value)}
              error={form.error('password')}
            />
          </SimpleGrid>
          <Button type="submit" loading={setup.isPending} mt="sm">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
