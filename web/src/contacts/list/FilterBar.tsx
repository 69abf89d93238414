/**
 * The list filters as chips, each with its remove button, and the "add a
 * filter" menu. Yes/no filters apply at once and a click on their chip
 * switches between yes and no. The others open a small dialog to pick their value.
 */
import { Box, Button, CloseButton, Group, Menu, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFilterPlus } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { customFieldKeys, type CustomFieldKey } from '../../api/types.ts';
import { can, useBusinessFormat, useSession } from '../../auth/session-context.tsx';
import { intlLocale } from '../../i18n/locale.ts';
import { useUsers } from '../../settings/api.ts';
import { DateField } from '../../shared/DateField.tsx';
import { isCalendarDate, isMonthDay, isoToInput } from '../../shared/dates.ts';
import { MonthDayField } from '../../shared/MonthDayField.tsx';
import { useCustomerGroups } from './list-api.ts';
import {
  type ActiveFilter,
  activeFilters,
  customFieldParam,
  type FilterId,
  filterIds,
  flagFilters,
  isValidFilter,
  withFilter,
  withoutFilters,
} from './list-filters.ts';

const flagSet = new Set<string>(flagFilters);

interface Editing {
  id: FilterId;
  field?: CustomFieldKey;
  values: Record<string, string>;
}

/**
 * Shows the active filters as chips, with the menus that add or clear them.
 * `trailing` ends the row on its right, after the chips have taken the width they need.
 */
export function FilterBar({ params, onChange, trailing }: {
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
  trailing?: ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const labels = session.business.customFieldLabels;
  const chips = activeFilters(params);
  const [editing, setEditing] = useState<Editing | null>(null);
  const valueText = useValueText();

  const active = new Set(chips.map((chip) => chip.id));
  const labelledFields = customFieldKeys.filter((key) => labels[key]);
  // The filters on account figures are for users who may see the figures.
  const figures = can(session, 'ledger.view');
  const offered = filterIds.filter((id) => {
    if (id === 'customField') return labelledFields.length > 0;
    return !active.has(id) && (figures || !flagSet.has(id));
  });

  const add = (id: FilterId) => {
    if (flagSet.has(id)) onChange(withFilter(params, { id }, { [id]: 'true' }));
    else if (id === 'type') onChange(withFilter(params, { id }, { type: 'both' }));
    else setEditing({ id, values: {} });
  };
  const openChip = (chip: ActiveFilter) => {
    if (flagSet.has(chip.id)) {
      const key = chip.id;
      onChange(withFilter(params, chip, { [key]: chip.values[key] === 'true' ? 'false' : 'true' }));
    } else if (chip.id !== 'type') {
      setEditing({ id: chip.id, ...(chip.field ? { field: chip.field } : {}), values: chip.values });
    }
  };
  const apply = (values: Record<string, string>, field?: CustomFieldKey) => {
    if (!editing) return;
    let next = params;
    // Choosing another custom field replaces the chip that was opened.
    if (editing.field && field !== editing.field) next = withFilter(next, editing, {});
    onChange(withFilter(next, { id: editing.id, ...(field ? { field } : {}) }, values));
    setEditing(null);
  };

  return (
    <Group gap={6} wrap="wrap" data-testid="filter-chips">
      {chips.map((chip) => {
        const name = chip.id === 'customField' && chip.field ? (labels[chip.field] ?? chip.field) : t(`contactList.filters.${chip.id}`);
        const text = `${t('common.labelled', { label: name })} ${valueText(chip)}`;
        // An invalid value is shown as typed, in red, beside the list's message that names it.
        const color = isValidFilter(chip) ? undefined : 'red';
        return (
          // A chip wider than the screen shrinks and cuts its text, so its remove button stays in view.
          <Button.Group key={chip.field ?? chip.id} maw="100%" data-invalid={color ? 'true' : undefined}>
            <Button size="compact-sm" variant="light" color={color} radius="xl" onClick={() => openChip(chip)} maw={420} miw={0}>
              <Text span size="sm" truncate>
                {text}
              </Text>
            </Button>
            <Button
              size="compact-sm"
              variant="light"
              color={color}
              radius="xl"
              px={6}
              aria-label={t('contactList.removeFilter', { name })}
              onClick={() => onChange(withFilter(params, chip, {}))}
            >
              <CloseButton component="span" size="xs" variant="transparent" c="inherit" aria-hidden />
            </Button>
          </Button.Group>
        );
      })}
      <Menu position="bottom-start" withinPortal shadow="md">
        <Menu.Target>
          <Button size="compact-sm" variant="subtle" radius="xl" leftSection={<IconFilterPlus size={16} />}>
            {t('contactList.addFilter')}
          </Button>
        </Menu.Target>
        {/* Tall enough for every filter on a phone or a laptop, so none hides below a scroll that nothing shows. */}
        <Menu.Dropdown mah="min(560px, calc(100dvh - 220px))" style={{ overflowY: 'auto' }}>
          {offered.map((id) => (
            <Menu.Item key={id} onClick={() => add(id)}>
              {t(`contactList.filters.${id}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {chips.length > 0 && (
        <Button size="compact-sm" variant="subtle" color="gray" radius="xl" onClick={() => onChange(withoutFilters(params))}>
          {t('contactList.clearFilters')}
        </Button>
      )}
      {trailing && <Box ml="auto">{trailing}</Box>}
      {editing && <FilterEditor editing={editing} onApply={apply} onClose={() => setEditing(null)} canListUsers={can(session, 'users.manage')} />}
    </Group>
  );
}

/** Returns a function that words a chip's value: yes or no, a group's name, a date range… */
function useValueText() {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const groups = useCustomerGroups();
  const users = useUsers(can(session, 'users.manage'));
  const monthDay = (value: string) => {
    // The API also takes a whole date as a bound and ignores its year.
    const monthAndDay = value.slice(-5);
    if (!isMonthDay(monthAndDay)) return value;
    return new Intl.DateTimeFormat(intlLocale(format.locale), { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`2000-${monthAndDay}T00:00:00Z`));
  };
  // A date typed into the address that names no day is shown as typed, not as the day the browser rolls it to.
  const day = (value: string | undefined) => (value && isCalendarDate(value) ? format.date(value) : (value ?? ''));
  const range = (from: string | undefined, to: string | undefined, show: (value: string) => string) => {
    if (from && to) return t('contactList.values.between', { from: show(from), to: show(to) });
    if (from) return t('contactList.values.from', { date: show(from) });
    return t('contactList.values.to', { date: show(to ?? '') });
  };

  return (chip: ActiveFilter): string => {
    const v = chip.values;
    // A yes/no, status or type value that the list does not apply is shown as typed, and so are dates below.
    const single = v[chip.id];
    if (single !== undefined && !isValidFilter(chip)) return single;
    switch (chip.id) {
      case 'status':
        return t(`contactList.values.${v.status ?? 'active'}`);
      case 'type':
        return t('contactList.values.both');
      // Once the groups or users are read, an id that none has belongs to one deleted since the filter was saved.
      case 'customerGroupId':
        if (!groups.data) return '…';
        return groups.data.find((group) => group.id === v.customerGroupId)?.name ?? t('contactList.values.deletedGroup');
      case 'assignedUserId':
        if (v.assignedUserId === session.user.id) return t('contactList.values.me');
        if (!users.data) return '…';
        return users.data.find((user) => user.id === v.assignedUserId)?.name ?? t('contactList.values.unknownUser');
      case 'noSaleSince':
        return day(v.noSaleSince);
      case 'birthday':
        return range(v.birthdayFrom, v.birthdayTo, monthDay);
      case 'created':
        return range(v.createdFrom, v.createdTo, day);
      case 'customField':
        return Object.values(v)[0] ?? '';
      default:
        return t(v[chip.id] === 'false' ? 'contactList.values.no' : 'contactList.values.yes');
    }
  };
}

/** Fields whose value is a date, checked before the filter applies. */
const dateKeys = ['noSaleSince', 'createdFrom', 'createdTo'];
/** Fields whose value is a day and month without a year (`MM-DD`). */
const monthDayKeys = ['birthdayFrom', 'birthdayTo'];

/** Returns `values` with the birthday bounds as `MM-DD`, since the API also accepts them as whole dates whose year it ignores. */
function withMonthDays(values: Record<string, string>): Record<string, string> {
  const read = { ...values };
  for (const key of monthDayKeys) {
    const value = read[key];
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) read[key] = value.slice(5);
  }
  return read;
}

/** Checks the editor's values as the list API would, and returns an error message by field. */
function checkFilterValues(values: Record<string, string>, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of dateKeys) {
    const value = values[key];
    if (value && !isCalendarDate(value)) {
      errors[key] = t('dateField.invalid', { value, format: t('contactForm.datePlaceholder') });
    }
  }
  for (const key of monthDayKeys) {
    const value = values[key];
    if (value && !isMonthDay(value)) {
      errors[key] = t('monthDayField.invalid', { value, format: t('monthDayField.placeholder') });
    }
  }
  // A birthday range may run over the new year, but a creation range may not (the API rejects it with 422).
  const { createdFrom, createdTo } = values;
  if (createdFrom && createdTo && !errors.createdFrom && !errors.createdTo && createdTo < createdFrom) {
    errors.createdTo = t('contactList.editor.endBeforeStart', { from: isoToInput(createdFrom), to: isoToInput(createdTo) });
  }
  return errors;
}

function FilterEditor({
  editing,
  onApply,
  onClose,
  canListUsers,
}: {
  editing: Editing;
  onApply: (values: Record<string, string>, field?: CustomFieldKey) => void;
  onClose: () => void;
  canListUsers: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const labels = session.business.customFieldLabels;
  const groups = useCustomerGroups();
  const users = useUsers(canListUsers);
  const [values, setValues] = useState<Record<string, string>>(() => withMonthDays(editing.values));
  const [field, setField] = useState<CustomFieldKey | null>(editing.field ?? customFieldKeys.find((key) => labels[key]) ?? null);
  const [customValue, setCustomValue] = useState(editing.field ? (editing.values[customFieldParam(editing.field)] ?? '') : '');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const set = (key: string) => (value: string | null) => {
    setValues((current) => ({ ...current, [key]: value ?? '' }));
    setFieldErrors(({ [key]: _changed, ...others }) => others);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing.id === 'customField') {
      if (field) onApply({ [customFieldParam(field)]: customValue.trim() }, field);
      return;
    }
    const filled = Object.values(values).some(Boolean);
    if (!filled && editing.id !== 'status') {
      setError(t('contactList.editor.missingValue'));
      return;
    }
    setError(null);
    const errors = checkFilterValues(values, t);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    onApply(editing.id === 'status' && values.status === 'active' ? {} : values);
  };

  const userOptions = canListUsers
    ? (users.data ?? []).map((user) => ({ value: user.id, label: user.name }))
    : [{ value: session.user.id, label: `${session.user.name} (${t('contactList.values.me')})` }];

  // With no group to pick, the editor only tells where to create one, and offers nothing to apply.
  const nothingToPick = editing.id === 'customerGroupId' && groups.data?.length === 0;

  let body;
  switch (editing.id) {
    case 'status':
      body = (
        <SegmentedControl
          fullWidth
          value={values.status ?? 'active'}
          onChange={set('status')}
          data={(['active', 'inactive', 'all'] as const).map((value) => ({ value, label: t(`contacts.filter.${value}`) }))}
        />
      );
      break;
    case 'customerGroupId':
      body =
        groups.data && groups.data.length === 0 ? (
          <Text size="sm">{t('contactList.editor.noGroups')}</Text>
        ) : (
          <Select
            data-autofocus
            label={t('contactList.filters.customerGroupId')}
            placeholder={t('contactList.values.anyGroup')}
            data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
            value={values.customerGroupId ?? null}
            onChange={set('customerGroupId')}
            searchable
          />
        );
      break;
    case 'assignedUserId':
      body = (
        <Select
          data-autofocus
          label={t('contactList.filters.assignedUserId')}
          placeholder={t('contactList.values.anyUser')}
          data={userOptions}
          value={values.assignedUserId ?? null}
          onChange={set('assignedUserId')}
          searchable
        />
      );
      break;
    case 'noSaleSince':
      body = (
        <DateField
          data-autofocus
          label={t('contactList.editor.day')}
          value={values.noSaleSince ?? ''}
          onChange={set('noSaleSince')}
          error={fieldErrors.noSaleSince}
        />
      );
      break;
    case 'created':
      body = (
        <Group grow align="flex-start">
          <DateField label={t('contactList.editor.from')} value={values.createdFrom ?? ''} onChange={set('createdFrom')} error={fieldErrors.createdFrom} />
          <DateField label={t('contactList.editor.to')} value={values.createdTo ?? ''} onChange={set('createdTo')} error={fieldErrors.createdTo} />
        </Group>
      );
      break;
    case 'birthday':
      body = (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <MonthDayField
              data-autofocus
              label={t('contactList.editor.from')}
              value={values.birthdayFrom ?? ''}
              onChange={set('birthdayFrom')}
              error={fieldErrors.birthdayFrom}
            />
            <MonthDayField
              label={t('contactList.editor.to')}
              value={values.birthdayTo ?? ''}
              onChange={set('birthdayTo')}
              error={fieldErrors.birthdayTo}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('contactList.editor.birthdayHint')}
          </Text>
        </Stack>
      );
      break;
    case 'customField': {
      const options = customFieldKeys.filter((key) => labels[key]).map((key) => ({ value: key, label: labels[key] ?? key }));
      body =
        options.length === 0 ? (
          <Text size="sm">{t('contactList.editor.noCustomFields')}</Text>
        ) : (
          <Stack gap="xs">
            <Select label={t('contactList.editor.field')} data={options} value={field} onChange={(value) => setField(value as CustomFieldKey | null)} allowDeselect={false} />
            <TextInput data-autofocus label={t('contactList.editor.value')} value={customValue} onChange={(e) => setCustomValue(e.currentTarget.value)} />
          </Stack>
        );
      break;
    }
    default:
      body = null;
  }

  return (
    <Modal opened onClose={onClose} title={t(`contactList.filters.${editing.id}`)} size="sm" centered>
      <form onSubmit={submit}>
        <Stack gap="md">
          {body}
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t(nothingToPick ? 'common.close' : 'common.cancel')}
            </Button>
            {!nothingToPick && <Button type="submit">{t('contactList.apply')}</Button>}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
