/**
 * The merge screen's choices: the contact to keep and, for each field whose
 * values differ, the contact whose value the merge keeps. Where a column per
 * contact fits, a table shows the contacts side by side. Where it does not,
 * as on a phone or with many contacts on a tablet, the contacts and then
 * each field's values are stacked, so every value shows without sideways
 * scrolling.
 */
import { Anchor, Box, Group, Paper, Radio, Stack, Table, Text } from '@mantine/core';
import { type TFunction } from 'i18next';
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../../api/types.ts';
import { Amount } from '../../shared/Amount.tsx';
import { TypeBadge } from '../badges.tsx';
import { contactPath } from '../paths.ts';

/** One field of the merge: each contact's value, and the contact whose value the merge keeps. */
export interface ChoiceRow {
  /** The field's key in the merge request's `fields`: `city`, or `customFields.custom1`. */
  key: string;
  label: string;
  values: (string | null)[];
  differ: boolean;
  /** The kept contact's value stays and cannot be changed, for lack of a permission. */
  locked: boolean;
  source: string;
}

interface MergeChoicesProps {
  contacts: Contact[];
  rows: ChoiceRow[];
  keepId: string;
  onKeep: (contactId: string) => void;
  /** Keeps the value of the contact `contactId` for the field `key`. */
  onPick: (key: string, contactId: string) => void;
}

/** Width of the table's field names' column. */
const FIELD_COLUMN_WIDTH = 140;
/**
 * Minimum width of each contact's column in the table, in which the longest
 * type badge, "CUSTOMER AND SUPPLIER", shows whole beside the cell's padding.
 * Below the width of all the columns, the screen stacks the contacts instead.
 */
const CONTACT_COLUMN_WIDTH = 230;

export function MergeChoices(props: MergeChoicesProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useContentWidth(box);
  const tableWidth = FIELD_COLUMN_WIDTH + props.contacts.length * CONTACT_COLUMN_WIDTH;
  let choices = null;
  if (width !== null) choices = width >= tableWidth ? <ChoiceTable {...props} /> : <ChoiceCards {...props} />;
  return <div ref={box}>{choices}</div>;
}

/**
 * Returns the width of the element `ref`, or null before it is measured. It
 * is measured before the first paint, so the screen never shows the wrong
 * layout first, and again on every change of size.
 */
function useContentWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Shows a contact's name, code, type and balance, with the radio button that makes it the kept contact. */
function ContactChoice({ contact, kept, onKeep }: { contact: Contact; kept: boolean; onKeep: (contactId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} miw={0}>
      <Anchor component={Link} to={contactPath(contact)} fw={600} size="sm" target="_blank" style={{ overflowWrap: 'anywhere' }}>
        {contact.name}
      </Anchor>
      <Group gap={6}>
        <Text size="xs" c="dimmed" className="amount">
          {contact.code}
        </Text>
        <TypeBadge type={contact.type} />
      </Group>
      <Text size="xs">
        {t('contact.balance')} <Amount value={contact.balance} balance fw={600} />
      </Text>
      <Radio
        name="keep"
        label={kept ? t('duplicates.merge.kept') : t('duplicates.merge.keep')}
        checked={kept}
        onChange={() => onKeep(contact.id)}
        fw={kept ? 600 : undefined}
      />
    </Stack>
  );
}

function choiceLabel(row: ChoiceRow, value: string | null, t: TFunction): string {
  return value === null
    ? t('duplicates.merge.chooseEmpty', { field: row.label })
    : t('duplicates.merge.choose', { value, field: row.label });
}

/** Shows the contacts side by side, a column each, and the fields as rows. */
function ChoiceTable({ contacts, rows, keepId, onKeep, onPick }: MergeChoicesProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table fz="sm" verticalSpacing={8} layout="fixed" data-testid="merge-table">
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th w={FIELD_COLUMN_WIDTH} style={{ boxShadow: 'inset -1px 0 0 var(--mantine-color-gray-3)' }}>
              {t('duplicates.merge.field')}
            </Table.Th>
            {contacts.map((contact) => (
              <Table.Th key={contact.id} style={{ verticalAlign: 'top' }}>
                <ContactChoice contact={contact} kept={contact.id === keepId} onKeep={onKeep} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-field={row.key}>
              <Table.Td c="dimmed" style={{ overflowWrap: 'anywhere', boxShadow: 'inset -1px 0 0 var(--mantine-color-gray-3)' }}>
                {row.label}
                {row.locked && row.differ && (
                  <Text size="xs" c="dimmed" mt={2} data-testid="merge-locked-field">
                    {t('duplicates.merge.lockedField')}
                  </Text>
                )}
              </Table.Td>
              {contacts.map((contact, index) => {
                const value = row.values[index] ?? null;
                const label = value ?? t('duplicates.merge.empty');
                if (!row.differ) {
                  return (
                    <Table.Td key={contact.id} c={value ? undefined : 'dimmed'}>
                      {label}
                    </Table.Td>
                  );
                }
                const chosen = row.source === contact.id;
                return (
                  <Table.Td key={contact.id} bg={chosen ? 'var(--mantine-color-teal-0)' : undefined}>
                    <Radio
                      name={`field-${row.key}`}
                      checked={chosen}
                      disabled={row.locked}
                      onChange={() => onPick(row.key, contact.id)}
                      aria-label={choiceLabel(row, value, t)}
                      label={
                        <Text span size="sm" c={value ? undefined : 'dimmed'} fs={value ? undefined : 'italic'} style={{ overflowWrap: 'anywhere' }}>
                          {label}
                        </Text>
                      }
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/**
 * Shows the contacts as cards, then each field whose values differ with a
 * box per contact's value, named by the contact's code, and last the fields
 * that are the same on every contact. A phone shows one card or box a row.
 */
function ChoiceCards({ contacts, rows, keepId, onKeep, onPick }: MergeChoicesProps) {
  const { t } = useTranslation();
  const differing = rows.filter((row) => row.differ);
  const same = rows.filter((row) => !row.differ);
  return (
    <Stack gap="md" data-testid="merge-cards">
      <Paper withBorder radius="md" p="md">
        <Text fw={600} mb="xs">
          {t('duplicates.merge.contacts', { count: contacts.length })}
        </Text>
        <div className="merge-options">
          {contacts.map((contact) => (
            <Box key={contact.id} className="merge-option" data-chosen={contact.id === keepId || undefined} data-contact={contact.id}>
              <ContactChoice contact={contact} kept={contact.id === keepId} onKeep={onKeep} />
            </Box>
          ))}
        </div>
      </Paper>

      {differing.length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Text fw={600} mb="xs">
            {t('duplicates.merge.values')}
          </Text>
          <Stack gap="md">
            {differing.map((row) => (
              <div key={row.key} data-field={row.key} role="radiogroup" aria-label={row.label}>
                <Text size="sm" fw={600}>
                  {row.label}
                </Text>
                {row.locked && (
                  <Text size="xs" c="dimmed" data-testid="merge-locked-field">
                    {t('duplicates.merge.lockedField')}
                  </Text>
                )}
                <div className="merge-options" style={{ marginTop: 'var(--mantine-spacing-xs)' }}>
                  {contacts.map((contact, index) => (
                    <ValueOption
                      key={contact.id}
                      row={row}
                      contact={contact}
                      value={row.values[index] ?? null}
                      kept={contact.id === keepId}
                      onPick={onPick}
                    />
                  ))}
                </div>
              </div>
            ))}
          </Stack>
        </Paper>
      )}

      {same.length > 0 && (
        <Paper withBorder radius="md" p="md" data-testid="merge-same">
          <Text fw={600} mb="xs">
            {t('duplicates.merge.same', { count: contacts.length })}
          </Text>
          <Stack gap={4}>
            {same.map((row) => (
              <Text key={row.key} size="sm" data-field={row.key} style={{ overflowWrap: 'anywhere' }}>
                <Text span size="sm" c="dimmed">
                  {t('common.labelled', { label: row.label })}
                </Text>{' '}
                {row.values[0]}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

interface ValueOptionProps {
  row: ChoiceRow;
  contact: Contact;
  value: string | null;
  kept: boolean;
  onPick: (key: string, contactId: string) => void;
}

/** Shows one contact's value of a field in a box that picks the value when tapped anywhere. */
function ValueOption({ row, contact, value, kept, onPick }: ValueOptionProps) {
  const { t } = useTranslation();
  const chosen = row.source === contact.id;
  return (
    <label className="merge-option" data-chosen={chosen || undefined} data-disabled={row.locked || undefined} data-contact={contact.id}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Radio
          name={`field-${row.key}`}
          checked={chosen}
          disabled={row.locked}
          onChange={() => onPick(row.key, contact.id)}
          aria-label={choiceLabel(row, value, t)}
          mt={2}
        />
        <Stack gap={0} miw={0}>
          <Text size="sm" c={value ? undefined : 'dimmed'} fs={value ? undefined : 'italic'} style={{ overflowWrap: 'anywhere' }}>
            {value ?? t('duplicates.merge.empty')}
          </Text>
          <Text size="xs" c="dimmed">
            {t(kept ? 'duplicates.merge.fromKept' : 'duplicates.merge.from', { code: contact.code })}
          </Text>
        </Stack>
      </Group>
    </label>
  );
}
