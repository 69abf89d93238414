/** Saves the SMTP settings of a business; the password is sealed at rest. */
import type { AuthContext } from '../auth/context.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import type { EmailChannelInput } from './channel-schemas.ts';
import { type EmailConfig, type EmailSecrets, loadEmailChannel, saveChannel } from './channel-store.ts';

export async function updateEmailChannel(db: Db, auth: AuthContext, input: EmailChannelInput): Promise<void> {
  const config: EmailConfig = {
    host: input.host,
    port: input.port,
    security: input.security,
    user: input.user || null,
    fromAddress: input.fromAddress,
    fromName: input.fromName || null,
    replyTo: input.replyTo || null,
  };
  await db.kysely.transaction().execute(async (trx) => {
    const stored = await loadEmailChannel(trx, db, auth.businessId);
    let secrets: EmailSecrets = stored?.hasSecrets ? stored.openSecrets() : {};
    if (input.password === null) secrets = {};
    else if (input.password !== undefined) secrets = { password: input.password };
    await saveChannel(trx, db, {
      businessId: auth.businessId,
      channel: 'email',
      enabled: input.enabled,
      config,
      secrets: secrets.password ? secrets : null,
      userId: auth.userId,
    });
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'message_channel',
      entityId: 'email',
      action: 'update',
      changes: { ...config, enabled: input.enabled, passwordChanged: input.password !== undefined },
    });
  });
}
