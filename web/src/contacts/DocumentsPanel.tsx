/** Files attached to a contact: upload, download and delete. */
import { ActionIcon, Anchor, Button, FileButton, Group, Modal, Paper, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconFileDescription, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, Contact } from '../api/types.ts';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { attachmentUrl, useAttachments, useDeleteAttachment, useUploadAttachment } from './api.ts';

export function DocumentsPanel({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const attachments = useAttachments(contact.id);
  const upload = useUploadAttachment(contact.id);
  const [removing, setRemoving] = useState<Attachment | null>(null);

  const send = (file: File | null) => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: () => notifySaved(t('documents.uploaded', { name: file.name })),
      onError: (error) => notifyFailed(error, t),
    });
  };

  const uploadButton = (
    <FileButton onChange={send}>
      {(props) => (
        <Button {...props} leftSection={<IconUpload size={16} />} loading={upload.isPending}>
          {t('documents.upload')}
        </Button>
      )}
    </FileButton>
  );

  return (
    <Stack gap="md" maw={960}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('documents.hint')}
        </Text>
        {uploadButton}
      </Group>
      {attachments.isPending ? (
        <Skeleton height={120} radius="md" />
      ) : attachments.isError ? (
        <QueryError error={attachments.error} onRetry={() => attachments.refetch()} />
      ) : attachments.data.length === 0 ? (
        <EmptyPanel icon={<IconFileDescription size={28} />} title={t('documents.empty')} description={t('documents.emptyHint')} />
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DocumentTable contactId={contact.id} attachments={attachments.data} onDelete={setRemoving} />
        </Paper>
      )}
      <DeleteDocumentModal contactId={contact.id} attachment={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function DocumentTable({
  contactId,
  attachments,
  onDelete,
}: {
  contactId: string;
  attachments: Attachment[];
  onDelete: (attachment: Attachment) => void;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th>{t('documents.name')}</Table.Th>
            <Table.Th ta="right">{t('documents.size')}</Table.Th>
            <Table.Th>{t('documents.added')}</Table.Th>
            <Table.Th w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attachments.map((attachment) => (
            <Table.Tr key={attachment.id}>
              <Table.Td>
                <Anchor href={attachmentUrl(contactId, attachment.id)} download={attachment.fileName} size="sm" fw={500}>
                  {attachment.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" className="amount">
                  {format.bytes(attachment.size)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.dateTime(attachment.createdAt)}</Text>
                {attachment.uploadedByName && (
                  <Text size="xs" c="dimmed">
                    {attachment.uploadedByName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Tooltip label={t('documents.download')}>
                    <ActionIcon
                      component="a"
                      href={attachmentUrl(contactId, attachment.id)}
                      download={attachment.fileName}
                      variant="subtle"
                      color="gray"
                      aria-label={t('documents.download')}
                    >
                      <IconDownload size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('common.delete')}>
                    <ActionIcon variant="subtle" color="red" onClick={() => onDelete(attachment)} aria-label={t('common.delete')}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DeleteDocumentModal({
  contactId,
  attachment,
  onClose,
}: {
  contactId: string;
  attachment: Attachment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteAttachment(contactId);
  return (
    <Modal opened={attachment !== null} onClose={onClose} title={t('documents.deleteTitle')} centered>
      <Stack>
        <Text size="sm">{t('documents.deleteText', { name: attachment?.fileName ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              attachment &&
              remove.mutate(attachment.id, {
                onSuccess: () => {
                  notifySaved(t('documents.deleted'));
                  onClose();
                },
                onError: (error) => notifyFailed(error, t),
              })
            }
          >
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
