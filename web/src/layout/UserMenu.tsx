import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLogout, IconUserEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignOut } from '../auth/api.ts';
import { NameModal } from '../auth/NameModal.tsx';
import { PasswordModal } from '../auth/PasswordModal.tsx';
import { useSession } from '../auth/session-context.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [passwordOpened, password] = useDisclosure(false);
  const [nameOpened, name] = useDisclosure(false);

  const initials = session.user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');

  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('account.menu')}>
            <Group gap={6} wrap="nowrap">
              <Avatar size="sm" radius="xl" color="teal">
                {initials}
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
                {session.user.name}
              </Text>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{session.user.email}</Menu.Label>
          <Menu.Item leftSection={<IconUserEdit size={16} />} onClick={name.open}>
            {t('account.changeName')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={password.open}>
            {t('account.changePassword')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconLogout size={16} />}
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
          >
            {t('account.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <NameModal opened={nameOpened} onClose={name.close} />
      <PasswordModal opened={passwordOpened} onClose={password.close} />
    </>
  );
}
