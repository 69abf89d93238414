/**
 * The signed-in frame: a header with the business, the language switch and
 * the user menu, and a navigation bar that becomes a burger drawer on phones.
 */
import { AppShell, Burger, Center, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session-context.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navigation } from './navigation.tsx';
import { ScreenErrorBoundary } from './ScreenErrorBoundary.tsx';
import { UserMenu } from './UserMenu.tsx';
import { Brand } from './Brand.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);

  // A new screen starts at its top, as a page load would.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Brand />
            <Text c="dimmed" size="sm" truncate visibleFrom="xs" maw={260}>
              {session.business.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <ScrollArea>
          <Stack gap="md">
            {navigation.map((section) => {
              const entries = section.entries.filter((entry) => entry.visible(session));
              if (entries.length === 0) return null;
              return (
                <Stack key={section.labelKey} gap={2}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                    {t(section.labelKey)}
                  </Text>
                  {entries.map((entry) => (
                    <NavLink
                      key={entry.to}
                      component={Link}
                      to={entry.to}
                      label={t(entry.labelKey)}
                      leftSection={<entry.icon size={18} stroke={1.6} />}
                      active={
                        entry.current
                          ? entry.current(location.pathname, new URLSearchParams(location.search))
                          : location.pathname.startsWith(entry.to)
                      }
                      onClick={close}
                    />
                  ))}
                </Stack>
              );
            })}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        {/* A screen whose code failed to load shows a notice in the frame, and the next address tries again. */}
        <ScreenErrorBoundary key={location.pathname}>
          <Suspense
            fallback={
              <Center py={80}>
                <Loader aria-label={t('common.loading')} />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </ScreenErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
