/** API shapes of templates, previews and the placeholder list. */
import { z } from 'zod';
import { channels, locales, placeholders, templateEvents } from './catalogue.ts';

export const templateContentSchema = z.object({
  channel: z.enum(channels),
  locale: z.enum(locales),
  subject: z.string().max(500).nullable().optional().describe('email only'),
  html: z.string().max(200_000).nullable().optional().describe('email only'),
  // A blank text passes here and is reported by checkContents with every other problem of the template.
  text: z.string().max(20_000),
});

export const autoSendSchema = z.object({
  email: z.boolean().default(false),
  sms: z.boolean().default(false),
  whatsapp: z.boolean().default(false),
});

export const templateInput = z.object({
  event: z.enum(templateEvents),
  name: z.string().trim().max(120).describe('required'),
  autoSend: autoSendSchema.optional(),
  contents: z.array(templateContentSchema).max(channels.length * locales.length),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const templatePatch = z.object({
  name: z.string().trim().max(120).optional().describe('not blank when given'),
  autoSend: z.object({ email: z.boolean(), sms: z.boolean(), whatsapp: z.boolean() }).partial().optional(),
  contents: z.array(templateContentSchema).max(channels.length * locales.length).optional(),
});
export type TemplatePatch = z.infer<typeof templatePatch>;

export const templateView = z.object({
  id: z.string(),
  event: z.enum(templateEvents),
  audience: z.enum(['customer', 'supplier']),
  name: z.string(),
  autoSend: z.object({ email: z.boolean(), sms: z.boolean(), whatsapp: z.boolean() }),
  contents: z.array(
    z.object({
      channel: z.enum(channels),
      locale: z.enum(locales),
      subject: z.string().nullable(),
      html: z.string().nullable(),
      text: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const factsSource = z.object({
  contactId: z.string().min(1).max(64),
  documentId: z.string().min(1).max(64).optional(),
  paymentId: z.string().min(1).max(64).optional(),
});

export const previewInput = factsSource.extend({
  event: z.enum([...templateEvents, 'manual']),
  contents: z.array(templateContentSchema).min(1).max(channels.length * locales.length),
});

export const renderedView = z.object({
  channel: z.enum(channels),
  locale: z.enum(locales),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
});

export const placeholderView = z.object({
  name: z.string(),
  token: z.string().describe('the text to insert, {{name}}'),
  group: z.string(),
  description: z.string(),
  events: z.array(z.enum(templateEvents)),
});

export const placeholderNames = placeholders.map((p) => p.name);
