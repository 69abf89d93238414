import { Alert, Input, SegmentedControl, SimpleGrid, Text, useMatches } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactKind, ContactType } from '../../api/types.ts';
import { FormSection } from '../../layout/FormSection.tsx';
import type { FormState } from '../../shared/form.ts';
import type { ContactFormValues } from './values.ts';

const types: ContactType[] = ['customer', 'supplier', 'both'];
const kinds: ContactKind[] = ['individual', 'business'];

export function TypeSection({ form, allowedTypes }: { form: FormState<ContactFormValues>; allowedTypes: ContactType[] }) {
  const { t } = useTranslation();
  // Three long choices do not fit side by side on a phone.
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', xs: 'horizontal' });
  // Only the types the user may save are offered, with the contact's own type kept when editing.
  const offered = types.filter((type) => allowedTypes.includes(type) || type === form.values.type);
  // The customer sections hide when the type becomes supplier, but their values stay until the save clears them.
  const { type, loyaltyCardNumber, creditLimit, customerGroupId } = form.values;
  const dropsCustomerFields = type === 'supplier' && (loyaltyCardNumber.trim() !== '' || creditLimit.trim() !== '' || customerGroupId !== null);
  return (
    <FormSection title={t('contactForm.typeSection')}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Input.Wrapper label={t('contactForm.typeLabel')} error={form.error('type')} id="contact-type">
          {offered.length === 1 ? (
            <Text id="contact-type" fw={500}>
              {t(`contact.type.${form.values.type}`)}
            </Text>
          ) : (
            <SegmentedControl
              fullWidth
              orientation={orientation}
              aria-labelledby="contact-type-label"
              value={form.values.type}
              onChange={(value) => form.set('type', value as ContactType)}
              data={offered.map((type) => ({
                value: type,
                label: t(`contact.type.${type}`),
                disabled: !allowedTypes.includes(type),
              }))}
            />
          )}
        </Input.Wrapper>
        <Input.Wrapper label={t('contactForm.kindLabel')} error={form.error('kind')} id="contact-kind">
          <SegmentedControl
            fullWidth
            aria-labelledby="contact-kind-label"
            value={form.values.kind}
            onChange={(value) => form.set('kind', value as ContactKind)}
            data={kinds.map((kind) => ({ value: kind, label: t(`contact.kind.${kind}`) }))}
          />
        </Input.Wrapper>
      </SimpleGrid>
      {dropsCustomerFields && (
        <Alert variant="light" color="orange" mt="md" data-testid="customer-fields-dropped">
          {t('contactForm.customerFieldsDropped')}
        </Alert>
      )}
    </FormSection>
  );
}
