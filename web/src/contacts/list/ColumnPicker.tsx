import { Button, Checkbox, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../../auth/session-context.tsx';
import { type ColumnId, columnLabel, defaultColumnsFor, isUnlabeledCustomField, pickerColumns } from './columns.tsx';

/**
 * Picks the table's visible columns; the name column always shows. A saved
 * view stores the choice. A shown custom field whose label was removed is
 * listed under its number, and stays listed until the picker closes, so
 * that unticking it by mistake can be undone.
 */
export function ColumnPicker({ value, onChange }: { value: ColumnId[]; onChange: (columns: ColumnId[]) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const figures = can(session, 'ledger.view');
  const [shownAtOpen, setShownAtOpen] = useState<ColumnId[]>([]);
  const offered = pickerColumns(session.business, figures, [...value, ...shownAtOpen]);
  const visible = new Set(value);

  const toggle = (id: ColumnId, checked: boolean) => {
    // Keep the offered order, so a column comes back where it was.
    const next = offered.map((column) => column.id).filter((column) => (column === id ? checked : visible.has(column)));
    onChange(next);
  };

  return (
    <Popover position="bottom-end" shadow="md" withinPortal onOpen={() => setShownAtOpen(value)} onClose={() => setShownAtOpen([])}>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          {t('contactList.columnsMenu')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="sm">
        <Text size="sm" fw={600} mb="xs">
          {t('contactList.columnsTitle')}
        </Text>
        <ScrollArea.Autosize mah={340} type="auto" offsetScrollbars>
          <Stack gap={6} pr="xs">
            {offered.map((column) => (
              <Checkbox
                key={column.id}
                size="sm"
                label={columnLabel(column.id, session.business, t)}
                description={isUnlabeledCustomField(column.id, session.business) ? t('contactList.columns.unlabeledHint') : undefined}
                checked={visible.has(column.id)}
                disabled={column.id === 'name'}
                onChange={(event) => toggle(column.id, event.currentTarget.checked)}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => onChange(defaultColumnsFor(figures))}>
          {t('contactList.resetColumns')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
