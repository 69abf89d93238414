/** The details tab: balance figures, then the contact's fields in the form's groups. */
import { Anchor, DataList, Paper, SimpleGrid, Stack, Text, Title, useMatches } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { customFieldKeys, type Contact } from '../api/types.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { readablePhone } from '../shared/phones.ts';
import { useUsers } from '../settings/api.ts';
import { Amount } from '../shared/Amount.tsx';
import { ibanGroups } from '../shared/iban.ts';
import { balanceHintKey, decimalSign } from '../shared/money.ts';
import { countryName } from '../shared/places.ts';
import { payTermLabel } from './form/payTerm.ts';
import { useCustomerGroups } from './list/list-api.ts';

interface Row {
  label: string;
  value: ReactNode;
}

function Group({ title, rows }: { title: string; rows: Row[] }) {
  const { t } = useTranslation();
  const filled = rows.filter((row) => row.value !== null && row.value !== undefined && row.value !== '');
  const labelWidth = useMatches({ base: 120, sm: 190 });
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} fz="md" mb="sm">
        {title}
      </Title>
      {filled.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contactPage.nothingEntered')}
        </Text>
      ) : (
        <DataList labelWidth={labelWidth} gap={8}>
          {filled.map((row) => (
            <DataList.Item key={row.label}>
              <DataList.ItemLabel>
                <Text size="sm" c="dimmed">
                  {row.label}
                </Text>
              </DataList.ItemLabel>
              <DataList.ItemValue>
                <Text size="sm" className="pre-line">
                  {row.value}
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      )}
    </Paper>
  );
}

/** Shows the balance and its parts, for a user who may read them. */
function AccountFigures({ contact }: { contact: Contact & { balance: string } }) {
  const { t } = useTranslation();
  const sign = decimalSign(contact.balance);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: contact.type === 'both' ? 4 : 2 }}>
      <Figure label={t('contact.balance')} value={<Amount value={contact.balance} balance />} hint={t(balanceHintKey(sign))} />
      {contact.type === 'both' && (
        <>
          <Figure label={t('contact.receivable')} value={<Amount value={contact.receivable ?? '0'} />} />
          <Figure label={t('contact.payable')} value={<Amount value={contact.payable ?? '0'} />} />
        </>
      )}
      <Figure label={t('contact.advance')} value={<Amount value={contact.advance ?? '0'} />} hint={t('contact.advanceHint')} />
    </SimpleGrid>
  );
}

export function ContactDetails({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const users = useUsers(can(session, 'users.manage') && contact.assignedUserIds.length > 0);
  const groups = useCustomerGroups(contact.customerGroupId !== null);
  const f = (name: string) => t(`contact.fields.${name}`);
  const isCustomer = contact.type !== 'supplier';

  const address = [contact.addressLine1, contact.addressLine2, [contact.zipCode, contact.city].filter(Boolean).join(' '), contact.state]
    .filter(Boolean)
    .join('\n');
  const assigned = contact.assignedUserIds
    .map((id) => users.data?.find((user) => user.id === id)?.name ?? (id === session.user.id ? session.user.name : null))
    .filter(Boolean)
    .join(', ');
  const creditLimitText =
    contact.creditLimit === null ? t('contactForm.noLimit') : <Amount value={contact.creditLimit} />;
  // A contact just created comes from the save's response, which has no
  // lastActivity, so the row stays hidden until the page reads the contact.
  let lastActivityText: string | null = null;
  if (contact.lastActivity === null) lastActivityText = t('contactPage.noActivity');
  else if (contact.lastActivity !== undefined) lastActivityText = format.date(contact.lastActivity);
  const groupName = contact.customerGroupId ? groups.data?.find((group) => group.id === contact.customerGroupId)?.name : null;
  const customRows = customFieldKeys
    .filter((key) => contact.customFields?.[key])
    .map((key) => ({ label: session.business.customFieldLabels[key] || t('settings.customFields.field', { number: key.slice(6) }), value: contact.customFields[key] }));

  return (
    <Stack gap="md">
      {contact.balance !== null && <AccountFigures contact={{ ...contact, balance: contact.balance }} />}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Group
          title={t('contactForm.baseSection')}
          rows={[
            { label: f('kind'), value: t(`contact.kind.${contact.kind}`) },
            { label: f('businessName'), value: contact.businessName },
            {
              label: contact.kind === 'business' ? t('contactForm.contactPerson') : f('personName'),
              value: [contact.prefix, contact.firstName, contact.middleName, contact.lastName].filter(Boolean).join(' '),
            },
            {
              label: f('mobile'),
              value: contact.mobile && (
                <Anchor href={`tel:${contact.mobileE164 ?? contact.mobile}`} size="sm" title={contact.mobile}>
                  {readablePhone(contact.mobile, session.business.country)}
                </Anchor>
              ),
            },
            { label: f('alternateNumber'), value: contact.alternateNumber && readablePhone(contact.alternateNumber, session.business.country) },
            { label: f('landline'), value: contact.landline && readablePhone(contact.landline, session.business.country) },
            { label: f('email'), value: contact.email && <Anchor href={`mailto:${contact.email}`} size="sm">{contact.email}</Anchor> },
          ]}
        />
        <Group
          title={t('contactForm.detailsSection')}
          rows={[
            { label: f('taxNumber'), value: contact.taxNumber },
            { label: t('contactForm.address'), value: address },
            { label: f('country'), value: countryName(contact.country, format.locale) },
            { label: f('shippingAddress'), value: contact.shippingAddress },
            { label: f('dateOfBirth'), value: isCustomer ? format.date(contact.dateOfBirth) : null },
            { label: f('customerGroupId'), value: isCustomer ? groupName : null },
            { label: f('loyaltyCardNumber'), value: isCustomer ? contact.loyaltyCardNumber : null },
            { label: f('assignedUsers'), value: assigned },
          ]}
        />
        <Group
          title={t('contactForm.creditSection')}
          rows={[
            { label: f('creditLimit'), value: isCustomer ? creditLimitText : null },
            { label: f('payTerm'), value: payTermLabel(contact.payTerm, t) },
            { label: f('openingBalance'), value: contact.openingBalance === null ? null : <Amount value={contact.openingBalance} balance /> },
            { label: t('contactPage.createdAt'), value: format.dateTime(contact.createdAt) },
            { label: t('contactPage.lastActivity'), value: lastActivityText },
          ]}
        />
        <Group
          title={t('contactForm.bankAccount')}
          rows={[
            { label: f('iban'), value: contact.bankAccount?.iban ? ibanGroups(contact.bankAccount.iban) : null },
            { label: f('bic'), value: contact.bankAccount?.bic },
            { label: f('holder'), value: contact.bankAccount?.holder },
          ]}
        />
        {customRows.length > 0 && <Group title={t('contactPage.customFields')} rows={customRows} />}
      </SimpleGrid>
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={22} fw={700} mt={4}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
