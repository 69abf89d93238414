import type { Contact, ContactType } from '../api/types.ts';
import type { ContactSection } from './api.ts';

/** The list a contact page returns to: the section it was opened from, else its own type. */
export function sectionOf(type: ContactType, from?: ContactSection): ContactSection {
  if (from) return from;
  return type === 'supplier' ? 'supplier' : 'customer';
}

export function listPath(section: ContactSection): string {
  return section === 'customer' ? '/customers' : '/suppliers';
}

export function contactPath(contact: Pick<Contact, 'id' | 'type'>, from?: ContactSection, tab?: string): string {
  const base = `${listPath(sectionOf(contact.type, from))}/${contact.id}`;
  return tab ? `${base}/${tab}` : base;
}
