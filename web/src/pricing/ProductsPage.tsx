/**
 * The catalogue: products searched by SKU or name, created and edited in a
 * dialog with a price per selling price group, imported and exported as
 * CSV or XLSX.
 */
import { Badge, Box, Button, Card, Group, Menu, Modal, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconDownload, IconPackage, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { downloadFile } from '../ledger/download.ts';
import { Amount } from '../shared/Amount.tsx';
import { notifyFailed } from '../shared/notify.ts';
import { type Product, useProductList } from './api.ts';
import { ProductForm } from './ProductForm.tsx';
import { ProductImportDialog } from './ProductImportDialog.tsx';
import { percentText } from './prices.ts';

type Editing = { product: Product | null } | null;

export function ProductsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = can(session, 'product.manage');
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const list = useProductList(query);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const products = list.data?.pages.flatMap((page) => page.items) ?? [];

  const exportAs = (format: 'csv' | 'xlsx') =>
    downloadFile('/products/export', { format }, `products.${format}`).catch((error: unknown) => notifyFailed(error, t));

  const addButton = canManage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ product: null })}>
      {t('pricing.products.new')}
    </Button>
  );
  const actions = (
    <>
      {canManage && (
        <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImporting(true)}>
          {t('pricing.products.import')}
        </Button>
      )}
      {canManage && (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />}>
              {t('pricing.products.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => exportAs('csv')}>{t('pricing.files.csv')}</Menu.Item>
            <Menu.Item onClick={() => exportAs('xlsx')}>{t('pricing.files.xlsx')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {addButton}
    </>
  );

  return (
    <>
      <PageHeader title={t('pricing.products.title')} description={t('pricing.products.description')} actions={actions} />
      <Stack gap="md">
        <TextInput
          placeholder={t('pricing.products.searchPlaceholder')}
          aria-label={t('pricing.products.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
        {list.isPending ? (
          <Skeleton height={200} radius="md" />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : products.length === 0 ? (
          <EmptyPanel
            icon={<IconPackage size={28} />}
            title={query ? t('pricing.products.noMatch', { query }) : t('pricing.products.empty')}
            description={query ? undefined : t('pricing.products.emptyHint')}
            action={query ? undefined : addButton}
          />
        ) : (
          <ProductList products={products} onOpen={canManage ? (product) => setEditing({ product }) : undefined} />
        )}
        {list.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.product ? t('pricing.products.editTitle', { name: editing.product.name }) : t('pricing.products.new')}
        size="lg"
        centered
      >
        {editing && <ProductForm product={editing.product} onDone={() => setEditing(null)} />}
      </Modal>
      <ProductImportDialog opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function ProductList({ products, onOpen }: { products: Product[]; onOpen?: (product: Product) => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const status = (product: Product) => (
    <Badge variant="light" color={product.isActive ? 'teal' : 'gray'} radius="sm">
      {t(product.isActive ? 'common.active' : 'common.inactive')}
    </Badge>
  );
  const groupPrices = (product: Product) =>
    product.prices.map((price) => `${price.priceGroupName} ${format.money(price.price)}`).join(' · ');
  const rowProps = (product: Product) =>
    onOpen ? { className: 'clickable-row', onClick: () => onOpen(product) } : {};

  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover={Boolean(onOpen)} data-testid="product-table">
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                <Table.Th w={140}>{t('pricing.products.sku')}</Table.Th>
                <Table.Th>{t('pricing.products.name')}</Table.Th>
                <Table.Th ta="right">{t('pricing.products.sellingPrice')}</Table.Th>
                <Table.Th ta="right">{t('pricing.products.taxRate')}</Table.Th>
                <Table.Th>{t('pricing.products.groupPrices')}</Table.Th>
                <Table.Th w={100}>{t('pricing.products.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map((product) => (
                <Table.Tr key={product.id} {...rowProps(product)}>
                  <Table.Td ff="monospace" fz="sm">
                    {product.sku}
                  </Table.Td>
                  <Table.Td fw={500}>{product.name}</Table.Td>
                  <Table.Td ta="right">
                    <Amount value={product.sellingPrice} />
                  </Table.Td>
                  <Table.Td ta="right" className="amount">
                    {percentText(product.taxRate, format.locale)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={product.prices.length ? undefined : 'dimmed'}>
                      {groupPrices(product) || t('pricing.products.noGroupPrice')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{status(product)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Box hiddenFrom="sm">
        <Stack gap="xs">
          {products.map((product) => (
            <Card key={product.id} withBorder radius="md" padding="sm" {...rowProps(product)}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} miw={0}>
                  <Text fw={600} size="sm">
                    {product.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {product.sku}
                  </Text>
                  {product.prices.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {groupPrices(product)}
                    </Text>
                  )}
                </Stack>
                <Stack gap={4} align="flex-end">
                  <Amount value={product.sellingPrice} size="sm" fw={600} />
                  {status(product)}
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      </Box>
    </>
  );
}
