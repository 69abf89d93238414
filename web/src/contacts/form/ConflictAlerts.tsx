/**
 * The contact form's messages about a save refused because someone else
 * changed the contact since the form opened: first the refusal with a
 * button that loads the current contact, then, once loaded, the fields the
 * other person changed.
 */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconInfoCircle, IconUsers } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Business, CustomFieldKey, User } from '../../api/types.ts';
import { useBusinessFormat, useSession } from '../../auth/session-context.tsx';
import { intlLocale } from '../../i18n/locale.ts';
import type { OtherChange } from './rebase.ts';
import type { ContactFormValues } from './values.ts';

/** The author and time of the change that a 412 `contact_changed` problem reports, each null when not known. */
export interface ContactConflict {
  changedBy: string | null;
  changedAt: string | null;
}

export const ConflictAlert = forwardRef<HTMLDivElement, {
  conflict: ContactConflict;
  loading: boolean;
  onLoad: () => void;
}>(function ConflictAlert({ conflict, loading, onLoad }, ref) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { business } = useSession();
  const when = conflict.changedAt
    ? { date: format.day(conflict.changedAt), time: timeOfDay(conflict.changedAt, format.locale, business.timezone) }
    : null;
  let author: string;
  if (conflict.changedBy && when) author = t('contactForm.conflictBy', { name: conflict.changedBy, ...when });
  else if (when) author = t('contactForm.conflictAt', when);
  else author = t('contactForm.conflictUnknown');

  return (
    <Alert ref={ref} color="orange" icon={<IconUsers size={18} />} title={t('contactForm.conflictTitle')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{author}</Text>
        <Text size="sm">{t('contactForm.conflictKept')}</Text>
        {/* The label wraps on a narrow screen, where it is wider than the alert. */}
        <Button
          size="sm"
          color="orange"
          onClick={onLoad}
          loading={loading}
          h="auto"
          py={6}
          maw="100%"
          style={{ alignSelf: 'flex-start' }}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.35 } }}
        >
          {t('contactForm.conflictLoad')}
        </Button>
      </Stack>
    </Alert>
  );
});

export function RebasedAlert({
  changedBy,
  changes,
  values,
  business,
  users,
  onTakeOther,
}: {
  changedBy: string | null;
  changes: OtherChange[];
  values: ContactFormValues;
  business: Business;
  users: User[] | null;
  onTakeOther: (change: OtherChange) => void;
}) {
  const { t } = useTranslation();
  let intro = t('contactForm.rebasedNone');
  if (changes.length > 0) intro = changedBy ? t('contactForm.rebasedBy', { name: changedBy }) : t('contactForm.rebasedUnknown');

  return (
    <Alert color="blue" icon={<IconInfoCircle size={18} />} title={t('contactForm.rebasedTitle')} role="status">
      <Stack gap="xs">
        <Text size="sm">{intro}</Text>
        {changes.length > 0 && (
          <List size="sm" spacing={6}>
            {changes.map((change) => (
              <ChangeLine
                key={change.field}
                change={change}
                shownNow={formValue(values, change.field)}
                business={business}
                users={users}
                onTakeOther={onTakeOther}
              />
            ))}
          </List>
        )}
        <Text size="sm">{t('contactForm.rebasedSave')}</Text>
      </Stack>
    </Alert>
  );
}

function ChangeLine({
  change,
  shownNow,
  business,
  users,
  onTakeOther,
}: {
  change: OtherChange;
  shownNow: unknown;
  business: Business;
  users: User[] | null;
  onTakeOther: (change: OtherChange) => void;
}) {
  const { t } = useTranslation();
  const label = fieldLabel(change.field, business, t);
  const from = shownValue(change.field, change.from, users, t);
  const to = shownValue(change.field, change.to, users, t);
  const line = from === null || to === null
    ? t('contactForm.rebasedChanged', { field: label })
    : t('contactForm.rebasedChange', { field: label, from, to });
  const clash = change.typed !== undefined && !sameValue(shownNow, change.to);

  return (
    <List.Item>
      <Text size="sm" span fw={600}>{line}</Text>
      {clash && (
        <Group gap="xs" mt={2} wrap="wrap">
          <Text size="sm" span>
            {t('contactForm.rebasedKeptYours', { value: shownValue(change.field, shownNow, users, t) ?? '' })}
          </Text>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={() => onTakeOther(change)}
          >
            {t('contactForm.rebasedTakeTheirs')}
          </Button>
        </Group>
      )}
    </List.Item>
  );
}

/** Writes the time of day of a UTC timestamp in the business's time zone: `10:05`. */
function timeOfDay(at: string, locale: 'fr' | 'en', timeZone: string): string {
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) return '';
  return new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone }).format(instant);
}

function formValue(values: ContactFormValues, field: OtherChange['field']): unknown {
  if (field.startsWith('customFields.')) return values.customFields[field.slice('customFields.'.length) as CustomFieldKey];
  return values[field as keyof ContactFormValues];
}

function sameValue(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && Array.isArray(right)) return [...left].sort().join() === [...right].sort().join();
  return (left ?? '') === (right ?? '');
}

function fieldLabel(field: OtherChange['field'], business: Business, t: TFunction): string {
  if (field.startsWith('customFields.')) {
    const key = field.slice('customFields.'.length) as CustomFieldKey;
    return business.customFieldLabels[key]?.trim() || key;
  }
  if (field === 'payTermEndOfMonth') return t('contact.fields.endOfMonth');
  return t(`contact.fields.${field}`);
}

/** Writes a form value for the list, or returns null for a customer group, or users without the user list, which it cannot name. */
function shownValue(field: OtherChange['field'], value: unknown, users: User[] | null, t: TFunction): string | null {
  if (field === 'customerGroupId') return null;
  if (field === 'assignedUserIds') {
    if (!users) return null;
    const names = (value as string[]).map((id) => users.find((user) => user.id === id)?.name ?? id);
    return names.length > 0 ? names.join(', ') : t('contactForm.emptyValue');
  }
  if (value === null || value === undefined || value === '') return t('contactForm.emptyValue');
  if (field === 'type') return t(`contact.type.${String(value)}`);
  if (field === 'kind') return t(`contact.kind.${String(value)}`);
  if (field === 'payTermUnit') return t(value === 'months' ? 'payTerm.unitMonths' : 'payTerm.unitDays');
  if (field === 'payTermEndOfMonth') return t(value ? 'common.yes' : 'common.no');
  return t('contactForm.quoted', { value: String(value) });
}
