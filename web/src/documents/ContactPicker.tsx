/**
 * The customer or supplier picker of the sale and purchase forms: matches as
 * the user types (code, name, phone, card), each with its balance and the
 * credit still available, so both are seen before the sale is confirmed.
 * When no active contact matches, it offers the inactive matches, marked as such.
 */
import { Badge, Box, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { DecimalString } from '../api/types.ts';
import { useSession } from '../auth/session-context.tsx';
import { MAX_SEARCH_LENGTH } from '../contacts/api.ts';
import { Amount } from '../shared/Amount.tsx';
import { errorMessage } from '../shared/errors.ts';
import { readablePhone } from '../shared/phones.ts';
import type { DocumentSection } from './paths.ts';

export interface PickedContact {
  id: string;
  code: string;
  name: string;
  type: string;
  mobile: string | null;
  city: string | null;
  balance: DecimalString | null;
  availableCredit: DecimalString | null;
  /** Usable loyalty points; absent when the contact comes from elsewhere than the lookup. */
  points?: number;
  customerGroup?: { id: string; name: string | null } | null;
  /** The contact's status; absent when the contact comes from elsewhere than the lookup. */
  status?: 'active' | 'inactive';
  /** The lookup's loyalty card number, e-mail and reason for the match; absent elsewhere. */
  loyaltyCardNumber?: string | null;
  email?: string | null;
  matchedOn?: 'code' | 'card' | 'phone' | 'email' | 'taxNumber' | 'name' | 'other';
}

interface LookupResult {
  items: PickedContact[];
  more: boolean;
  truncated: boolean;
}

function useLookup(q: string, section: DocumentSection, includeInactive = false, enabled = true) {
  return useQuery({
    queryKey: ['contacts', 'lookup', section, q, includeInactive],
    queryFn: ({ signal }) =>
      api.get<LookupResult>(
        '/contacts/lookup',
        { q, type: section === 'sale' ? 'customer' : 'supplier', limit: 10, ...(includeInactive ? { includeInactive: 'true' } : {}) },
        signal,
      ),
    enabled: enabled && q.length > 0,
    placeholderData: (previous) => previous,
  });
}

export function ContactPicker({
  section,
  onPick,
  error,
}: {
  section: DocumentSection;
  onPick: (contact: PickedContact) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const lookup = useLookup(debounced, section);
  // The search leaves inactive contacts out. When no active one matches, the inactive matches are
  // offered instead, because an inactive contact may still pay in full, and is otherwise created again.
  const noActiveMatch = debounced !== '' && lookup.isSuccess && !lookup.isPlaceholderData && lookup.data.items.length === 0;
  const inactiveLookup = useLookup(debounced, section, true, noActiveMatch);
  const shownLookup = noActiveMatch ? inactiveLookup : lookup;
  const items = debounced ? (shownLookup.data?.items ?? []) : [];
  // While the text is being typed, or its matches are on their way, the list shows an earlier text's
  // matches. They stay in view but cannot be picked, so a quick arrow and Enter never pick one of them.
  const stale = debounced !== search.trim() || lookup.isPlaceholderData || (noActiveMatch && inactiveLookup.isPlaceholderData);

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(id) => {
        const picked = items.find((item) => item.id === id);
        if (picked) onPick(picked);
        setSearch('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          aria-label={t(`trade.${section}.contact`)}
          placeholder={t('trade.form.pickerPlaceholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={lookup.isFetching || inactiveLookup.isFetching ? <Loader size="xs" /> : null}
          value={search}
          maxLength={MAX_SEARCH_LENGTH}
          error={error}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
            // A match highlighted for the earlier text must not be picked by an Enter typed right after the new text.
            combobox.resetSelectedOption();
          }}
          onKeyDown={(event) => {
            // Enter in the search never submits the sale or purchase form, which would save it without
            // its contact. A highlighted match is still picked by the combobox's own Enter handling.
            if (event.key === 'Enter') event.preventDefault();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!debounced}>
        {noActiveMatch && items.length > 0 && (
          <Combobox.Header>
            <Text size="xs" c="dimmed" data-testid="picker-inactive">
              {t(section === 'sale' ? 'trade.form.pickerInactiveSale' : 'trade.form.pickerInactive')}
            </Text>
          </Combobox.Header>
        )}
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {items.length === 0 ? (
            <Combobox.Empty>
              {lookup.isFetching || shownLookup.isFetching ? (
                t('common.loading')
              ) : shownLookup.isError ? (
                // A failed search must not read as "no contact found", after which the cashier would create the customer again.
                <Text span size="sm" c="red" data-testid="picker-failed">
                  {t('trade.form.pickerFailed', { reason: errorMessage(shownLookup.error, t) })}
                </Text>
              ) : (
                t('trade.form.pickerNone')
              )}
            </Combobox.Empty>
          ) : (
            items.map((item) => (
              <Combobox.Option key={item.id} value={item.id} disabled={stale}>
                <PickerOption item={item} section={section} country={session.business.country} phone={phone} />
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
        {items.length > 0 && shownLookup.data?.more && (
          <Combobox.Footer>
            <Text size="xs" c="dimmed" data-testid="picker-more">
              {t('trade.form.pickerMore')}
            </Text>
          </Combobox.Footer>
        )}
      </Combobox.Dropdown>
    </Combobox>
  );
}

/**
 * Renders one match of the picker. Look-alike names ("Société Générale des Vins …")
 * differ only at their end, so the name takes the whole width on two lines
 * before an ellipsis. The line under it lists what distinguishes contacts
 * (code, city, mobile and group), wrapped rather than cut. A match on a
 * loyalty card or an e-mail also shows that card or address, since the
 * name alone does not tell which of several cards being typed matched.
 */
function PickerOption({
  item,
  section,
  country,
  phone,
}: {
  item: PickedContact;
  section: DocumentSection;
  country: string;
  phone: boolean;
}) {
  const { t } = useTranslation();
  const details = [
    { key: 'code', text: item.code, ltr: false },
    { key: 'city', text: item.city, ltr: false },
    { key: 'mobile', text: item.mobile && readablePhone(item.mobile, country), ltr: true },
    {
      key: 'card',
      text: item.matchedOn === 'card' && item.loyaltyCardNumber && t('trade.form.pickerCard', { number: item.loyaltyCardNumber }),
      ltr: false,
    },
    { key: 'email', text: item.matchedOn === 'email' && item.email, ltr: true },
    { key: 'group', text: item.customerGroup?.name, ltr: false },
  ].filter((detail) => detail.text);

  const nameRow = (
    <Group gap={6} wrap="nowrap" align="flex-start" miw={0}>
      {/* overflow-wrap breaks a name with no space inside it, which would otherwise widen the option. */}
      <Text
        size="sm"
        fw={500}
        lineClamp={2}
        title={item.name}
        data-testid="picker-name"
        style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
      >
        {item.name}
      </Text>
      {item.status === 'inactive' && (
        <Badge size="xs" variant="light" color="gray" radius="sm" mt={2} style={{ flexShrink: 0 }}>
          {t('contact.status.inactive')}
        </Badge>
      )}
    </Group>
  );
  const detailsLine = (
    <Text size="xs" c="dimmed" data-testid="picker-details" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
      {details.map((detail, index) => (
        <Fragment key={detail.key}>
          {index > 0 && ' · '}
          {/* Each detail stays whole on a line when it fits, and keeps its own direction beside right-to-left text. */}
          <Box component="bdi" dir={detail.ltr ? 'ltr' : undefined} display="inline-block" maw="100%">
            {detail.text}
          </Box>
        </Fragment>
      ))}
    </Text>
  );
  const figures = (
    <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
      {item.balance !== null && <Amount value={item.balance} balance size="sm" />}
      {section === 'sale' && item.points !== undefined && item.points > 0 && (
        <Text size="xs" c="teal.8" className="amount" data-testid="picker-points">
          {t('loyalty.points', { count: item.points })}
        </Text>
      )}
      {item.availableCredit !== null && (
        <Text size="xs" c="dimmed" className="amount">
          {t('trade.form.availableShort')} <Amount value={item.availableCredit} size="xs" />
        </Text>
      )}
    </Stack>
  );

  // A phone gives the name the option's whole width and puts the figures beside the details.
  // A wider screen has room for the figures beside both lines.
  if (phone) {
    return (
      <Stack gap={2} miw={0}>
        {nameRow}
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm" miw={0}>
          {detailsLine}
          {figures}
        </Group>
      </Stack>
    );
  }
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm" miw={0}>
      <Stack gap={2} miw={0} style={{ flex: 1 }}>
        {nameRow}
        {detailsLine}
      </Stack>
      {figures}
    </Group>
  );
}
