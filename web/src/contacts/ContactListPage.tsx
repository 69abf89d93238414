/**
 * Customers or suppliers: search, status filter, a table on wide screens and
 * cards on phones, with "load more" following the API's cursor.
 */
import { Box, Button, Group, Paper, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsers, IconUserSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can } from '../auth/session-context.tsx';
import { useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { ExportButton } from '../transfer/ExportDialog.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { type ContactSection, type StatusFilter, useContactList } from './api.ts';
import { ContactCards, ContactTable, ContactTableSkeleton } from './ContactTable.tsx';
import { listPath } from './paths.ts';

const statusFilters: StatusFilter[] = ['active', 'inactive', 'all'];

export function ContactListPage({ section }: { section: ContactSection }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const status = (statusFilters as string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as StatusFilter)
    : 'active';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const list = useContactList(section, status, debounced);

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const setStatus = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === 'active') next.delete('status');
      else next.set('status', value);
      return next;
    });

  const contacts = list.data?.pages.flatMap((page) => page.items) ?? [];
  const canCreate = can(session, `${section}.create`);
  const newButton = canCreate && (
    <Button component={Link} to={`${listPath(section)}/new`} leftSection={<IconPlus size={16} />}>
      {t(`contacts.${section}.new`)}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t(`contacts.${section}.title`)}
        description={t(`contacts.${section}.description`)}
        actions={
          <>
            <ExportButton query={{ type: section, status: status === 'all' ? undefined : status, q: debounced || undefined }} />
            {newButton}
          </>
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            style={{ flex: '1 1 260px' }}
            maw={480}
            leftSection={<IconSearch size={16} />}
            placeholder={t('contacts.searchPlaceholder')}
            aria-label={t('contacts.search')}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <SegmentedControl
            aria-label={t('contacts.statusFilter')}
            value={status}
            onChange={setStatus}
            data={statusFilters.map((value) => ({ value, label: t(`contacts.filter.${value}`) }))}
          />
        </Group>

        {list.isPending ? (
          <ContactTableSkeleton />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : contacts.length === 0 ? (
          debounced || status !== 'active' ? (
            <EmptyPanel
              icon={<IconUserSearch size={28} />}
              title={t('contacts.noMatch')}
              description={debounced ? t('contacts.noMatchFor', { q: debounced }) : t('contacts.noMatchStatus')}
            />
          ) : (
            <EmptyPanel
              icon={<IconUsers size={28} />}
              title={t(`contacts.${section}.empty`)}
              description={t(`contacts.${section}.emptyHint`)}
              action={newButton}
            />
          )
        ) : (
          <>
            <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
              <ContactTable contacts={contacts} section={section} />
            </Paper>
            <Box hiddenFrom="sm">
              <ContactCards contacts={contacts} section={section} />
            </Box>
            {list.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
