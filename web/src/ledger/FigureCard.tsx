import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Shows one headline figure: a small caps label, the value, and an optional line under it. */
export function FigureCard({
  label,
  value,
  hint,
  color,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  color?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" miw={0} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={20} fw={700} mt={4} c={color} component="div" className="figure-value">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
