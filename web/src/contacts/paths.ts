import type { Contact, ContactType } from '../api/types.ts';
import type { ContactSection } from './api.ts';

/**
 * Returns the list a contact page returns to: the section it was opened
 * from, unless the contact's type is not in that list (a customer turned
 * supplier, say), else its own type.
 */
export function sectionOf(type: ContactType, from?: ContactSection): ContactSection {
  if (from && (type === 'both' || type === from)) return from;
  return type === 'supplier' ? 'supplier' : 'customer';
}

export function listPath(section: ContactSection): string {
  return section === 'customer' ? '/customers' : '/suppliers';
}

export function contactPath(contact: Pick<Contact, 'id' | 'type'>, from?: ContactSection, tab?: string): string {
  const base = `${listPath(sectionOf(contact.type, from))}/${contact.id}`;
  return tab ? `${base}/${tab}` : base;
}
