import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** Shows an empty list or a missing page: an icon, a sentence and what to do next. */
export function EmptyPanel({
  icon,
  title,
  description,
  action,
  bordered = true,
}: {
  icon: ReactNode;
  title: string;
  description?: string;
  action?: ReactNode;
  bordered?: boolean;
}) {
  return (
    <Paper withBorder={bordered} radius="md" py={48} px="md">
      <EmptyState variant="light" icon={icon} title={title} description={description}>
        {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
