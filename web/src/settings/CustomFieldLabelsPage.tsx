/** Labels of the ten custom contact fields; a field with no label stays hidden on the contact form. */
import { Button, Group, SimpleGrid, Skeleton, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { customFieldKeys, type Business, type CustomFieldKey } from '../api/types.ts';
import { FormSection } from '../layout/FormSection.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { useFormState } from '../shared/form.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { useBusiness, useSaveBusiness } from './api.ts';
import { SettingsGuard } from './SettingsGuard.tsx';

export function CustomFieldLabelsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  return (
    <SettingsGuard permission="settings.manage">
      <PageHeader title={t('settings.customFields.title')} description={t('settings.customFields.description')} />
      {business.isPending ? (
        <Skeleton height={320} radius="md" maw={860} />
      ) : business.isError ? (
        <QueryError error={business.error} onRetry={() => business.refetch()} />
      ) : (
        <LabelsForm business={business.data} key={business.data.id} />
      )}
    </SettingsGuard>
  );
}

function LabelsForm({ business }: { business: Business }) {
  const { t } = useTranslation();
  const save = useSaveBusiness();
  const form = useFormState<Record<CustomFieldKey, string>>(
    Object.fromEntries(customFieldKeys.map((key) => [key, business.customFieldLabels[key] ?? ''])) as Record<CustomFieldKey, string>,
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const labels: Partial<Record<CustomFieldKey, string>> = {};
    for (const key of customFieldKeys) {
      const label = form.values[key].trim();
      if (label) labels[key] = label;
    }
    save.mutate(
      { customFieldLabels: labels },
      {
        onSuccess: () => notifySaved(t('settings.saved')),
        onError: (error) => {
          const unshown = form.takeErrors(error, customFieldKeys.map((key) => `customFieldLabels.${key}`));
          if (unshown.length > 0 || Object.keys(form.errors).length === 0) notifyFailed(error, t);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={860}>
        <FormSection title={t('settings.customFields.labels')} description={t('settings.customFields.hint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {customFieldKeys.map((key, index) => (
              <TextInput
                key={key}
                label={t('settings.customFields.field', { number: index + 1 })}
                placeholder={t('settings.customFields.placeholder')}
                value={form.values[key]}
                onChange={(e) => form.set(key, e.currentTarget.value)}
                error={form.error(`customFieldLabels.${key}`)}
              />
            ))}
          </SimpleGrid>
        </FormSection>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
