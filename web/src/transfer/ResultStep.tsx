/** Last step: what the import wrote, the server's summary, undo, and the way on. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportRecord } from './api.ts';
import { KeptContacts } from './KeptContacts.tsx';
import { TotalsGrid } from './PreviewStep.tsx';
import { UndoButton } from './UndoButton.tsx';

export function ResultStep({ record, onRestart }: { record: ImportRecord; onRestart: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(record);
  const committed = current.status === 'committed';
  const failed = current.status === 'failed' || current.status === 'error' || current.status === 'interrupted';
  let color = 'red';
  if (committed) color = 'teal';
  else if (current.status === 'undone' || current.status === 'partly_undone') color = 'gray';

  return (
    <Stack gap="md">
      <Alert
        color={color}
        variant="light"
        icon={committed ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={committed ? t('transfer.import.result.title') : failed ? t('transfer.import.result.failedTitle') : undefined}
      >
        <Text size="sm" data-testid="import-message">{current.message}</Text>
      </Alert>

      {current.undo && current.undo.kept > 0 && (
        <KeptContacts contacts={current.undo.keptContacts} count={current.undo.kept} />
      )}

      {committed && (
        <TotalsGrid
          totals={current.totals}
          kind={current.kind}
          keys={current.kind === 'sales' ? ['created', 'invalid'] : ['created', 'updated', 'skipped', 'invalid']}
          result
        />
      )}

      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm">
          <Button variant="default" onClick={onRestart}>{t('transfer.import.result.another')}</Button>
          {current.kind === 'sales' ? (
            <Button variant="subtle" component={Link} to="/sales">{t('transfer.import.sales.toSales')}</Button>
          ) : (
            <>
              <Button variant="subtle" component={Link} to="/customers">{t('transfer.import.result.toCustomers')}</Button>
              <Button variant="subtle" component={Link} to="/suppliers">{t('transfer.import.result.toSuppliers')}</Button>
            </>
          )}
        </Group>
        {committed && <UndoButton importId={current.id} kind={current.kind} onUndone={setCurrent} />}
      </Group>
    </Stack>
  );
}
