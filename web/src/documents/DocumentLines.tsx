/**
 * A document's lines (a table on wide screens, one card per line on phones)
 * and the list of what settled it.
 */
import { Box, Card, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import { decimalToField, quantityRule } from '../shared/number-input.ts';
import { LinePriceNote } from '../pricing/LinePriceNote.tsx';
import { percentText } from '../pricing/prices.ts';
import type { DocumentLine, SaleDocument } from './api.ts';

/**
 * Returns the price the line was given in and the key of its terms (HT or
 * TTC). A points redemption line carries no tax, so it gets no terms.
 */
function givenPriceOf(line: DocumentLine): { price: string; terms: string | null } {
  if (typeof line.loyaltyPoints === 'number') return { price: line.unitPrice, terms: null };
  if (line.priceGiven === 'unitPriceWithTax' && line.unitPriceWithTax) {
    return { price: line.unitPriceWithTax, terms: 'trade.lines.taxIncluded' };
  }
  return { price: line.unitPrice, terms: 'trade.lines.taxExcluded' };
}

function returnedOf(line: DocumentLine): string | null {
  return line.returnedQuantity && decimalSign(line.returnedQuantity) > 0 ? line.returnedQuantity : null;
}

export function DocumentLines({ document }: { document: SaleDocument }) {
  return (
    <>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }} visibleFrom="sm">
        <LinesTable document={document} />
      </Paper>
      <Box hiddenFrom="sm">
        <LinesCards document={document} />
      </Box>
    </>
  );
}

function LinesTable({ document }: { document: SaleDocument }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const anyReturned = document.lines.some((line) => returnedOf(line) !== null);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="document-lines">
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th>{t('trade.lines.description')}</Table.Th>
            <Table.Th ta="right">{t('trade.lines.quantity')}</Table.Th>
            <Table.Th ta="right">{t('trade.lines.unitPriceColumn')}</Table.Th>
            <Table.Th ta="right">{t('trade.lines.discount')}</Table.Th>
            <Table.Th ta="right">{t('trade.lines.taxRate')}</Table.Th>
            <Table.Th ta="right">{t('trade.lines.total')}</Table.Th>
            {anyReturned && <Table.Th ta="right">{t('trade.lines.returned')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {document.lines.map((line) => {
            const returned = returnedOf(line);
            const shownPrice = givenPriceOf(line);
            return (
              <Table.Tr key={line.id}>
                <Table.Td>
                  <Text size="sm">{line.description}</Text>
                  <LinePriceNote line={line} />
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {decimalToField(line.quantity, format.locale, quantityRule)}
                </Table.Td>
                <Table.Td ta="right">
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Amount value={shownPrice.price} size="sm" />
                    {shownPrice.terms && (
                      <Text size="xs" c="dimmed">
                        {t(shownPrice.terms)}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {decimalSign(line.discountPercent) > 0 ? percentText(line.discountPercent, format.locale) : ''}
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {percentText(line.taxRate, format.locale)}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={line.total} size="sm" fw={500} />
                </Table.Td>
                {anyReturned && (
                  <Table.Td ta="right" className="amount">
                    {returned ? decimalToField(returned, format.locale, quantityRule) : ''}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={5} ta="right">
              <Text size="sm" c="dimmed">
                {t('trade.totals.subtotal')} <Amount value={document.subtotal} /> · {t('trade.totals.tax')}{' '}
                <Amount value={document.taxTotal} />
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Amount value={document.total} fw={700} />
            </Table.Td>
            {anyReturned && <Table.Td />}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Shows the lines on phones: description, quantity × unit price with its rates, and the line total. */
function LinesCards({ document }: { document: SaleDocument }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (
    <Stack gap="xs">
      {document.lines.map((line) => {
        const returned = returnedOf(line);
        const shownPrice = givenPriceOf(line);
        const rates = [
          decimalSign(line.discountPercent) > 0 &&
            `${t('trade.lines.discount')} ${percentText(line.discountPercent, format.locale)}`,
          `${t('trade.lines.taxRate')} ${percentText(line.taxRate, format.locale)}`,
          returned && `${t('trade.lines.returned')} ${decimalToField(returned, format.locale, quantityRule)}`,
        ].filter(Boolean);
        return (
          <Card key={line.id} withBorder radius="md" padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} miw={0}>
                <Text size="sm" fw={500}>
                  {line.description}
                </Text>
                <LinePriceNote line={line} />
                <Text size="xs" c="dimmed" className="amount">
                  {decimalToField(line.quantity, format.locale, quantityRule)} × {format.money(shownPrice.price)}
                  {shownPrice.terms && ` ${t(shownPrice.terms)}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {rates.join(' · ')}
                </Text>
              </Stack>
              <Amount value={line.total} size="sm" fw={600} />
            </Group>
          </Card>
        );
      })}
      <Group justify="space-between" px="sm">
        <Text size="sm" c="dimmed">
          {t('trade.totals.subtotal')} <Amount value={document.subtotal} /> · {t('trade.totals.tax')}{' '}
          <Amount value={document.taxTotal} />
        </Text>
        <Amount value={document.total} fw={700} />
      </Group>
    </Stack>
  );
}

/** Lists what settled the document: payments, returns, discounts and advances applied to it. */
export function Settlements({ document }: { document: SaleDocument }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  // A return that settled nothing (the document was already paid) still belongs in the list.
  const unsettledReturns = document.returns.filter(
    (entry) => !document.settlements.some((settlement) => settlement.sourceId === entry.id),
  );
  const rows = [
    ...document.settlements.map((settlement) => ({
      key: settlement.allocationId,
      date: settlement.date,
      reference: settlement.reference,
      kind: settlement.kind,
      amount: settlement.amount,
    })),
    ...unsettledReturns.map((entry) => ({
      key: entry.id,
      date: entry.date,
      reference: entry.reference,
      kind: entry.status === 'void' ? 'voidedReturn' : entry.type,
      amount: entry.total,
    })),
  ];
  if (rows.length === 0) return null;

  return (
    <Paper withBorder radius="md" p="md" data-testid="document-settlements">
      <Title order={3} fz="md" mb="sm">
        {t('trade.settlements')}
      </Title>
      <Stack gap="xs">
        {rows.map((row) => (
          <Group key={row.key} justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="wrap" miw={0}>
              <Text size="sm" className="amount" w={110}>
                {format.date(row.date)}
              </Text>
              <Text size="sm" ff="monospace">
                {row.reference}
              </Text>
              <Text size="sm" c="dimmed">
                {row.kind === 'voidedReturn' ? t('trade.void.voidedReturn') : t(`ledger.types.${row.kind}`, { defaultValue: row.kind })}
              </Text>
            </Group>
            <Amount value={row.amount} size="sm" fw={500} />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
