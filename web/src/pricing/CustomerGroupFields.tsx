/** The contact form's customer group picker and loyalty card number, for customers. */
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../auth/session-context.tsx';
import type { ContactFormValues } from '../contacts/form/values.ts';
import type { FormState } from '../shared/form.ts';
import { useCustomerGroups } from './api.ts';
import { useRuleText } from './CustomerGroupsPage.tsx';

export function CustomerGroupFields({ form }: { form: FormState<ContactFormValues> }) {
  const { t } = useTranslation();
  const session = useSession();
  // A group gives a discount on every later sale, so the server lets only ledger.discount set or change it.
  const canSetGroup = can(session, 'ledger.discount');
  const groups = useCustomerGroups();
  const ruleText = useRuleText();
  const options = (groups.data ?? []).map((group) => ({ value: group.id, label: `${group.name} (${ruleText(group)})` }));

  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      <Select
        label={t('pricing.contactForm.customerGroup')}
        description={t(canSetGroup ? 'pricing.contactForm.customerGroupHint' : 'pricing.contactForm.customerGroupLocked')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        placeholder={t('pricing.contactForm.noGroup')}
        data={options}
        value={form.values.customerGroupId}
        onChange={(value) => form.set('customerGroupId', value)}
        clearable={canSetGroup}
        searchable
        readOnly={!canSetGroup}
        nothingFoundMessage={t('common.nothingFound')}
        disabled={groups.isError}
        error={form.error('customerGroupId')}
        data-testid="customer-group-select"
      />
      <TextInput
        label={t('contact.fields.loyaltyCardNumber')}
        description={t('pricing.contactForm.loyaltyCardHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        autoComplete="off"
        maxLength={40}
        value={form.values.loyaltyCardNumber}
        onChange={(event) => form.set('loyaltyCardNumber', event.currentTarget.value)}
        error={form.error('loyaltyCardNumber')}
      />
    </SimpleGrid>
  );
}
