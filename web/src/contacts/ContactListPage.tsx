/**
 * Customers or suppliers: a search box that searches as the user types,
 * filter chips, the totals of the whole filtered list, saved views and a
 * column picker above a virtualised table (cards on phones) that loads the
 * next page of the cursor as the user scrolls. The filters, sort and view
 * live in the page address, so a reload or the back button keeps them.
 */
import { ActionIcon, Alert, Box, Button, Group, Loader, Menu, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import {
  IconCopy,
  IconDots,
  IconFileExport,
  IconInfoCircle,
  IconLayoutList,
  IconLock,
  IconPlus,
  IconSearch,
  IconUsers,
  IconUserSearch,
} from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { can, canView, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { ExportButton, ExportDialog } from '../transfer/ExportDialog.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { notifyFailed } from '../shared/notify.ts';
import { type ContactSection, MAX_SEARCH_LENGTH } from './api.ts';
import {
  ContactCards,
  type ContactListHandle,
  ContactTable,
  ContactTableSkeleton,
  type ListAnchor,
  type TableRows,
} from './ContactTable.tsx';
import { ColumnPicker } from './list/ColumnPicker.tsx';
import { type ColumnId, columnsFrom, defaultColumnsFor, listFields } from './list/columns.tsx';
import { FilterBar } from './list/FilterBar.tsx';
import {
  type ContactView,
  type ListQuery,
  reversedQuery,
  type SortField,
  useContactPages,
  useContactTotals,
  useContactViews,
  useCustomerGroups,
  useInactiveMatches,
} from './list/list-api.ts';
import {
  activeFilters,
  appliedViewFilters,
  figureParamsIn,
  filterQuery,
  listQuery,
  markEmptiedView,
  sameFilters,
  searchOf,
  sortOf,
  statusOf,
  viewFitsSection,
  viewToParams,
  withFilter,
  withoutFigures,
} from './list/list-filters.ts';
import { FiguresLeftOut } from './list/FiguresLeftOut.tsx';
import { TotalsBar } from './list/TotalsBar.tsx';
import { ViewMenu } from './list/ViewMenu.tsx';
import { duplicatesPath } from './duplicates/paths.ts';
import { listPath } from './paths.ts';
import { useUsers } from '../settings/api.ts';

/** Waits this long after the last key before searching; a newer search cancels the request of an older one. */
const SEARCH_DELAY_MS = 250;

const descendingFirst = new Set<SortField>(['balance', 'createdAt', 'lastActivity']);

function storedColumns(section: ContactSection, figures: boolean): ColumnId[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(`comptoir.columns.${section}`) ?? 'null') as unknown;
    if (Array.isArray(stored) && stored.length > 0) return stored as ColumnId[];
  } catch {
    // Unreadable or refused storage: fall back to the default columns.
  }
  return defaultColumnsFor(figures);
}

function storeColumns(section: ContactSection, columns: ColumnId[]) {
  try {
    window.localStorage.setItem(`comptoir.columns.${section}`, JSON.stringify(columns));
  } catch {
    // Private windows may refuse storage; the choice then lasts for this page only.
  }
}

/**
 * Shows the list of one side, or a notice when the user's role may view no
 * contact of that side. The list API would then return only the contacts of
 * both types that the user may view, and an empty list would read as a shop
 * without suppliers.
 */
export function ContactListPage({ section }: { section: ContactSection }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!canView(session, section)) {
    return (
      <>
        <PageHeader title={t(`contacts.${section}.title`)} />
        <EmptyPanel icon={<IconLock size={28} />} title={t('errors.noAccess')} description={t('errors.noAccessHint')} />
      </>
    );
  }
  return <ContactList section={section} />;
}

function ContactList({ section }: { section: ContactSection }) {
  const { t } = useTranslation();
  const session = useSession();
  // A user without ledger.view sees no figure, so the list offers no figure column, filter, sort or totals.
  const figures = can(session, 'ledger.view');
  const defaultColumns = defaultColumnsFor(figures);
  const [addressParams, setParams] = useSearchParams();
  const params = useMemo(() => (figures ? addressParams : withoutFigures(addressParams)), [figures, addressParams]);
  // The list names what it left out. A change of the filters or sort writes `params`, which no longer has them.
  const figuresLeftOut = useMemo(() => (figures ? [] : figureParamsIn(addressParams)), [figures, addressParams]);
  const [search, setSearch] = useState(() => searchOf(params));
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const tableHandle = useRef<ContactListHandle>(null);
  const [exporting, setExporting] = useState(false);

  const views = useContactViews();
  const viewId = params.get('view');
  const currentView = views.data?.find((view) => view.id === viewId) ?? null;
  const [columnIds, setColumnIds] = useState<ColumnId[]>(() => storedColumns(section, figures));
  const columns = useMemo(() => columnsFrom(columnIds, figures), [columnIds, figures]);

  // The view whose columns the list has taken, and whether its filters are still on their way into an
  // address that named the view alone.
  const [appliedView, setAppliedView] = useState<AppliedView | null>(null);
  const viewOpening = openingView(viewId, views, currentView, section, appliedView, onlyView(addressParams));
  // A view deleted since the address was written (in another tab, or before a reload), whose filters the address keeps.
  const viewGone = viewId !== null && views.data !== undefined && currentView === null && !onlyView(addressParams);
  useEffect(() => {
    if (viewId === null) {
      setAppliedView(null);
      return;
    }
    if (appliedView?.writingAddress && !onlyView(addressParams)) setAppliedView({ id: appliedView.id, writingAddress: false });
    if (!currentView || appliedView?.id === currentView.id || !viewFitsSection(section, currentView.filters)) return;
    setColumnIds(currentView.columns.length > 0 ? (currentView.columns as ColumnId[]) : defaultColumns);
    // An address with the view alone (a bookmark, a pasted link) opens it as the Views menu does. An address
    // with filters, a sort or `filters=none` beside the view was written by the list, and keeps them over a reload.
    const viewAddress = viewToParams(currentView.filters, currentView.sort, currentView.id);
    const writingAddress = onlyView(addressParams) && !onlyView(viewAddress);
    setAppliedView({ id: currentView.id, writingAddress });
    if (writingAddress) setParams(viewAddress, { replace: true });
  }, [viewId, currentView, appliedView, section, addressParams, setParams, defaultColumns]);

  // The typed text goes into the address once it has settled. Only a change of that text writes it,
  // because the address may change under an unchanged text (back button, a menu link) and must then win.
  // `writtenSearch` is the search text that the box and the address last agreed on.
  const writtenSearch = useRef(debounced);
  // setParams changes with every address, so the effect below runs on each address change as well,
  // and must then not write a settled text that the address has since replaced.
  const settledSearch = useRef(debounced);
  useEffect(() => {
    if (settledSearch.current === debounced) return;
    settledSearch.current = debounced;
    if (writtenSearch.current === debounced) return;
    writtenSearch.current = debounced;
    setParams(
      (current) => {
        if ((current.get('q') ?? '') === debounced) return current;
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return markEmptiedView(next);
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  // A search text that the address gets from elsewhere than the box (back button, a menu link) fills the box,
  // before the list of that search is painted beside it.
  const addressSearch = searchOf(params);
  useLayoutEffect(() => {
    if (addressSearch === writtenSearch.current) return;
    writtenSearch.current = addressSearch;
    setSearch(addressSearch);
  }, [addressSearch]);

  // The list follows the address, which the box writes into once the typing has settled.
  const query = useMemo(() => listQuery(section, params, addressSearch), [section, params, addressSearch]);
  const filters = useMemo(() => filterQuery(section, params, addressSearch), [section, params, addressSearch]);
  const sort = sortOf(params);
  const fields = useMemo(() => listFields(columns, phone), [columns, phone]);
  // Until a view named by the address has been applied, the list waits rather than load other contacts.
  const list = useContactPages(query, fields, viewOpening === 'ready');
  const totals = useContactTotals(filters, viewOpening === 'ready');
  const truncated = list.data?.pages[0]?.truncated === true;
  // The totals count every match, and a truncated search ranks fewer, so its rows cannot be numbered from the end.
  const rows = useTableRows(query, fields, list, !phone, !truncated ? totals.data?.count : undefined);
  const groups = useCustomerGroups();
  // Only a user with users.manage may list the users. For anyone else the list can name only the user.
  const users = useUsers(can(session, 'users.manage') && columnIds.includes('assignedUsers'));
  const context = useMemo(
    () => ({
      groups: new Map((groups.data ?? []).map((group) => [group.id, group.name])),
      users: new Map([[session.user.id, session.user.name], ...(users.data ?? []).map((user) => [user.id, user.name] as const)]),
    }),
    [groups.data, users.data, session.user],
  );

  const modified =
    currentView !== null &&
    (!sameFilters(appliedViewFilters(section, currentView.filters), filters) ||
      JSON.stringify(currentView.sort) !== JSON.stringify(sort) ||
      JSON.stringify(currentView.columns.length > 0 ? currentView.columns : defaultColumns) !== JSON.stringify(columnIds));

  const changeParams = (next: URLSearchParams) => {
    // The search text follows the box, not the address, while the user types.
    if (debounced) next.set('q', debounced);
    else next.delete('q');
    setParams(markEmptiedView(next));
  };

  const changeColumns = (next: ColumnId[]) => {
    setColumnIds(next);
    if (!currentView) storeColumns(section, next);
  };

  // A click on a column sorts by it, a second click reverses the order, and a third returns to the default order.
  const onSort = (field: SortField) => {
    const next = new URLSearchParams(params);
    const firstOrder = descendingFirst.has(field) ? 'desc' : 'asc';
    if (sort?.field !== field) {
      next.set('sort', field);
      next.set('order', firstOrder);
    } else if (sort.order === firstOrder) {
      next.set('order', firstOrder === 'asc' ? 'desc' : 'asc');
    } else {
      next.delete('sort');
      next.delete('order');
    }
    setParams(markEmptiedView(next));
  };

  const pickView = (view: ContactView | null) => {
    if (view) {
      setAppliedView({ id: view.id, writingAddress: false });
      setParams(viewToParams(view.filters, view.sort, view.id));
      setSearch(view.filters.q ?? '');
      setColumnIds(view.columns.length > 0 ? (view.columns as ColumnId[]) : defaultColumns);
    } else {
      setAppliedView(null);
      setParams(new URLSearchParams());
      setSearch('');
      setColumnIds(storedColumns(section, figures));
    }
  };

  const contacts = list.data?.pages.flatMap((page) => page.items) ?? [];
  // While a new search or filter loads, the previous rows stay on screen, dimmed, beside a loader in the search box.
  const searching = list.isPlaceholderData;
  const dimmed = { opacity: searching ? 0.55 : 1, transition: 'opacity 150ms' };
  const chips = activeFilters(params);
  const filtered = addressSearch !== '' || chips.length > 0;
  // A search or filters that keep no active contact may still match inactive ones, which the list
  // leaves out by default. The empty list then names them and offers to show them.
  const noActiveMatch = filtered && statusOf(params) === 'active' && list.isSuccess && !list.isPlaceholderData && contacts.length === 0;
  const inactiveMatches = useInactiveMatches(query, noActiveMatch);
  const inactiveCount = noActiveMatch ? (inactiveMatches.data ?? 0) : 0;
  const listProps = {
    contacts,
    section,
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    onLoadMore: () => void list.fetchNextPage(),
  };

  const viewMenu = (
    <ViewMenu
      section={section}
      current={viewOpening === 'otherSide' ? null : currentView}
      modified={modified}
      draft={{ filters, sort, columns: columnIds }}
      onPick={pickView}
      onSaved={(view) => {
        setAppliedView({ id: view.id, writingAddress: false });
        const next = new URLSearchParams(params);
        next.set('view', view.id);
        setParams(next, { replace: true });
      }}
      onDeleted={() => pickView(null)}
    />
  );

  const ownOnly = !can(session, `${section}.view`);
  const newButton = can(session, `${section}.create`) && (
    <Button component={Link} to={`${listPath(section)}/new`} leftSection={<IconPlus size={16} />}>
      {t(`contacts.${section}.new`)}
    </Button>
  );
  // A phone has room for one row of actions, so export and duplicates move into a menu beside the new button.
  const headerActions = phone ? (
    <Group gap="xs" wrap="nowrap">
      {newButton}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size={36} aria-label={t('contactPage.moreActions')}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconFileExport size={16} />} onClick={() => setExporting(true)}>
            {t('transfer.export.button')}
          </Menu.Item>
          <Menu.Item component={Link} to={duplicatesPath} leftSection={<IconCopy size={16} />}>
            {t('contactList.duplicatesLink')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {exporting && <ExportDialog query={query} onClose={() => setExporting(false)} />}
    </Group>
  ) : (
    <Group gap="xs" wrap="wrap">
      <ExportButton query={query} />
      <Button component={Link} to={duplicatesPath} variant="default" leftSection={<IconCopy size={16} />}>
        {t('contactList.duplicatesLink')}
      </Button>
      {newButton}
    </Group>
  );

  return (
    <>
      <PageHeader title={t(`contacts.${section}.title`)} description={t(`contacts.${section}.description`)} actions={headerActions} />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          {/* On phones the search box has its own row and a shorter hint, so the hint shows whole down to 360 px. */}
          <TextInput
            style={{ flex: phone ? '1 1 100%' : '1 1 180px' }}
            maw={560}
            leftSection={<IconSearch size={16} />}
            rightSection={searching ? <Loader size="xs" aria-label={t('common.loading')} data-testid="list-searching" /> : null}
            placeholder={t(phone ? 'contactList.searchPlaceholderShort' : 'contactList.searchPlaceholder')}
            aria-label={t('contacts.search')}
            title={t('contactList.searchHint')}
            type="search"
            value={search}
            maxLength={MAX_SEARCH_LENGTH}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                tableHandle.current?.focusFirst();
              }
            }}
          />
          {!phone && (
            <Group gap="xs" ml="auto">
              {viewMenu}
              <ColumnPicker value={columnIds} onChange={changeColumns} />
            </Group>
          )}
        </Group>

        <FilterBar params={params} onChange={changeParams} trailing={phone ? viewMenu : undefined} />
        <FiguresLeftOut params={figuresLeftOut} />
        {/* A failed list shows its own error and retry button, which reload the totals as well. */}
        {!list.isError && (
          <TotalsBar totals={totals.data} loading={totals.isFetching} failed={totals.isError} onRetry={() => void totals.refetch()} />
        )}
        {viewGone && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} py={6}>
            {t('contactList.views.goneNotice', { id: viewId })}
          </Alert>
        )}
        {truncated && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} py={6}>
            {t('contactList.truncated')}
          </Alert>
        )}

        {viewOpening === 'failed' ? (
          <QueryError error={views.error} onRetry={() => void views.refetch()} />
        ) : viewOpening === 'missing' || viewOpening === 'otherSide' ? (
          <ViewNotShown reason={viewOpening} section={section} viewId={viewId ?? ''} view={currentView} onFullList={() => pickView(null)} />
        ) : list.isPending ? (
          <ContactTableSkeleton />
        ) : list.isError ? (
          <QueryError
            error={list.error}
            onRetry={() => {
              void list.refetch();
              void totals.refetch();
            }}
          />
        ) : contacts.length === 0 ? (
          filtered || params.get('status') ? (
            inactiveCount > 0 ? (
              <EmptyPanel
                icon={<IconUserSearch size={28} />}
                title={t('contacts.noMatch')}
                description={
                  addressSearch
                    ? t('contacts.inactiveMatchFor', { q: addressSearch, count: inactiveCount })
                    : t('contacts.inactiveMatchFilters', { count: inactiveCount })
                }
                action={
                  <Button variant="light" onClick={() => changeParams(withFilter(params, { id: 'status' }, { status: 'all' }))}>
                    {t('contacts.showInactive')}
                  </Button>
                }
              />
            ) : (
              <EmptyPanel
                icon={<IconUserSearch size={28} />}
                title={t('contacts.noMatch')}
                description={
                  // With filters beside the search, the filters may be what leaves the matches out.
                  addressSearch
                    ? t(chips.length > 0 ? 'contacts.noMatchForFilters' : 'contacts.noMatchFor', { q: addressSearch })
                    : t(chips.every((chip) => chip.id === 'status') ? 'contacts.noMatchStatus' : 'contacts.noMatchFilters')
                }
              />
            )
          ) : (
            // A user limited to their own contacts may face an empty list in a shop full of them.
            <EmptyPanel
              icon={<IconUsers size={28} />}
              title={t(ownOnly ? `contacts.${section}.emptyOwn` : `contacts.${section}.empty`)}
              description={t(ownOnly ? `contacts.${section}.emptyOwnHint` : `contacts.${section}.emptyHint`)}
              action={newButton}
            />
          )
        ) : phone ? (
          <Box style={dimmed} aria-busy={searching}>
            <ContactCards key={JSON.stringify(query)} {...listProps} />
          </Box>
        ) : (
          <Box
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden', ...dimmed }}
            aria-busy={searching}
          >
            <ContactTable
              key={JSON.stringify(query)}
              {...rows}
              section={section}
              columns={columns}
              context={context}
              sort={sort}
              onSort={onSort}
              handle={tableHandle}
            />
          </Box>
        )}
      </Stack>
    </>
  );
}

const MAX_KEPT_ENTRIES = 50;
/** The list query read from its end, by history entry. */
const listsReadFromEnd = new Map<string, string>();

function keepReadFromEnd(entryKey: string, queryKey: string | null) {
  listsReadFromEnd.delete(entryKey);
  if (queryKey === null) return;
  listsReadFromEnd.set(entryKey, queryKey);
  // A Map iterates in insertion order, so the first key is the entry left longest ago.
  if (listsReadFromEnd.size > MAX_KEPT_ENTRIES) listsReadFromEnd.delete(listsReadFromEnd.keys().next().value as string);
}

/**
 * Builds the table's rows: the list read from its first contact, or, after
 * End, from its last one. The list pages by cursor, so End reads the list in
 * the reverse order (its first page contains the last contacts) and Home goes
 * back to the pages read from the start, which stay loaded. A search in
 * relevance order is read from its least relevant match.
 */
function useTableRows(
  query: ListQuery,
  fields: readonly string[],
  list: ReturnType<typeof useContactPages>,
  table: boolean,
  total: number | undefined,
): Omit<TableRows, 'section'> {
  const { t } = useTranslation();
  // Other columns read the list again, from its start.
  const queryKey = JSON.stringify([query, fields]);
  const reversed = useMemo(() => reversedQuery(query), [query]);
  // The query whose rows are read from the end, or loaded to the end, so a new query starts from the top.
  // It is kept for the history entry, so that the back button returns to the rows End showed.
  const entryKey = useLocation().key;
  const [fromEndOf, setFromEndOfState] = useState<string | null>(() => listsReadFromEnd.get(entryKey) ?? null);
  const setFromEndOf = (key: string | null) => {
    setFromEndOfState(key);
    keepReadFromEnd(entryKey, key);
  };
  const fromEnd = table && fromEndOf === queryKey;
  const tail = useContactPages(reversed, fields, fromEnd);

  useEffect(() => {
    if (!fromEnd || !tail.isError) return;
    notifyFailed(tail.error, t);
    setFromEndOf(null);
  }, [fromEnd, tail.isError, tail.error, t]);

  const tailContacts = useMemo(() => (tail.data?.pages.flatMap((page) => page.items) ?? []).reverse(), [tail.data]);
  const onJump = (to: ListAnchor) => setFromEndOf(to === 'end' ? queryKey : null);

  if (fromEnd && tail.data) {
    return {
      anchor: 'end',
      contacts: tailContacts,
      hasMore: false,
      loadingMore: false,
      onLoadMore: () => undefined,
      hasBefore: tail.hasNextPage,
      loadingBefore: tail.isFetchingNextPage,
      onLoadBefore: () => void tail.fetchNextPage(),
      onJump,
      ...(total !== undefined ? { total } : {}),
    };
  }
  return {
    anchor: 'start',
    contacts: list.data?.pages.flatMap((page) => page.items) ?? [],
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage || (fromEnd && tail.isFetching),
    onLoadMore: () => void list.fetchNextPage(),
    hasBefore: false,
    loadingBefore: false,
    onLoadBefore: () => undefined,
    onJump,
    ...(total !== undefined ? { total } : {}),
  };
}

interface AppliedView {
  id: string;
  /** True while the view's filters and sort are being written into an address that named the view alone. */
  writingAddress: boolean;
}

/** Tells whether an address names a view and nothing else, as a bookmark or a link to a view does. */
function onlyView(params: URLSearchParams): boolean {
  return [...params.keys()].every((key) => key === 'view');
}

/**
 * Tells how far the list is from showing the view that the address names.
 * It is `ready` without a view or once the view is applied, and `loading`
 * while the views, or the view's columns and filters, are on their way. It
 * is `failed` when the views did not load, `missing` when no view of the
 * user has the id that an address names alone, and `otherSide` for a view
 * of the other list.
 */
function openingView(
  viewId: string | null,
  views: ReturnType<typeof useContactViews>,
  currentView: ContactView | null,
  section: ContactSection,
  appliedView: AppliedView | null,
  addressHasOnlyView: boolean,
): 'ready' | 'loading' | 'failed' | 'missing' | 'otherSide' {
  if (viewId === null) return 'ready';
  // Views that loaded once stay usable while a later load fails.
  if (views.data === undefined) return views.isError ? 'failed' : 'loading';
  // Without the view, an address with filters still sets the list, and the page notes that the view is gone.
  if (currentView === null) return addressHasOnlyView ? 'missing' : 'ready';
  if (!viewFitsSection(section, currentView.filters)) return 'otherSide';
  if (appliedView?.id !== currentView.id) return 'loading';
  return appliedView.writingAddress && addressHasOnlyView ? 'loading' : 'ready';
}

/**
 * Replaces the list when the address names a view it cannot show. That is
 * an id of no view of the user (deleted, mistyped, or another user's, which
 * the API does not tell apart), or a view of the other list's side.
 */
function ViewNotShown({
  reason,
  section,
  viewId,
  view,
  onFullList,
}: {
  reason: 'missing' | 'otherSide';
  section: ContactSection;
  viewId: string;
  /** The view of the other side, for `otherSide`. */
  view: ContactView | null;
  onFullList: () => void;
}) {
  const { t } = useTranslation();
  const other: ContactSection = section === 'customer' ? 'supplier' : 'customer';
  return (
    <EmptyPanel
      icon={<IconLayoutList size={28} />}
      title={t(`contactList.views.${reason}Title`)}
      description={
        reason === 'missing'
          ? t('contactList.views.missingText', { id: viewId })
          : t(`contactList.views.otherSideText.${section}`, { name: view?.name ?? '' })
      }
      action={
        <Group gap="xs" justify="center">
          {reason === 'otherSide' && (
            <Button component={Link} to={`${listPath(other)}?view=${encodeURIComponent(viewId)}`}>
              {t(`contactList.views.openIn.${other}`)}
            </Button>
          )}
          <Button variant={reason === 'otherSide' ? 'default' : 'filled'} onClick={onFullList}>
            {t('contactList.views.showFullList')}
          </Button>
        </Group>
      }
    />
  );
}
