/**
 * The wording of every error and field issue code, in French and English.
 * Placeholders are written `{name}` and filled from the error's parameters.
 */
export type Locale = 'fr' | 'en';
export type MessageParams = Record<string, string | number | null | undefined>;

interface Wording {
  fr: string;
  en: string;
}

export const messages: Record<string, Wording> = {
  // Problem codes
  validation_failed: {
    fr: 'La demande contient {count} valeur(s) invalide(s) : corrigez-les et réessayez.',
    en: 'The request has {count} invalid value(s): correct them and try again.',
  },
  bad_request: {
    fr: 'La demande est mal formée : {reason}.',
    en: 'The request is malformed: {reason}.',
  },
  not_authenticated: {
    fr: 'Connexion requise : connectez-vous ou fournissez un jeton d’API.',
    en: 'Sign-in required: sign in or send an API token.',
  },
  invalid_credentials: {
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Wrong email address or password.',
  },
  account_locked: {
    fr: 'Trop d’échecs de connexion : réessayez dans {minutes} minute(s).',
    en: 'Too many failed sign-ins: try again in {minutes} minute(s).',
  },
  csrf_failed: {
    fr: 'Jeton anti-CSRF absent ou invalide : rechargez la page et réessayez.',
    en: 'Missing or invalid CSRF token: reload the page and try again.',
  },
  forbidden: {
    fr: 'Vous n’avez pas la permission « {permission} » : demandez-la à un administrateur.',
    en: 'You lack the “{permission}” permission: ask an administrator for it.',
  },
  not_found: {
    fr: 'Introuvable : {entity}.',
    en: 'Not found: {entity}.',
  },
  conflict: {
    fr: 'Conflit : {reason}.',
    en: 'Conflict: {reason}.',
  },
  contact_has_history: {
    fr: 'Impossible de supprimer ce contact : il a {count} opération(s) enregistrée(s). Désactivez-le plutôt ; son historique sera conservé.',
    en: 'This contact cannot be deleted: it has {count} recorded transaction(s). Deactivate it instead; its history is kept.',
  },
  contact_code_taken: {
    fr: 'Le code contact « {code} » est déjà utilisé par {name} : choisissez-en un autre ou laissez le champ vide.',
    en: 'Contact code “{code}” is already used by {name}: choose another or leave it empty.',
  },
  duplicate_warning: {
    fr: 'Rien n’est enregistré : {count} avertissement(s) à confirmer (doublon, numéro à vérifier). Renvoyez sans stopOnWarnings pour enregistrer quand même.',
    en: 'Nothing was saved: {count} warning(s) to confirm (duplicate, number to check). Send again without stopOnWarnings to save anyway.',
  },
  contact_anonymised: {
    fr: 'Le contact {code} est anonymisé : ses données personnelles ne peuvent plus être modifiées.',
    en: 'Contact {code} is anonymised: its personal data can no longer be changed.',
  },
  note_author_only: {
    fr: 'Seul l’auteur d’une note peut la modifier ou la supprimer.',
    en: 'Only the author of a note can change or delete it.',
  },
  setup_done: {
    fr: 'Comptoir est déjà configuré : connectez-vous.',
    en: 'Comptoir is already set up: sign in.',
  },
  email_taken: {
    fr: 'L’adresse e-mail « {email} » est déjà utilisée par un autre compte.',
    en: 'The email address “{email}” is already used by another account.',
  },
  currency_locked: {
    fr: 'La devise ne peut plus passer de {currency} à {requested} : l’entreprise a déjà {count} contact(s) dont les montants sont en {currency}.',
    en: 'The currency cannot change from {currency} to {requested}: the business already has {count} contact(s) whose amounts are in {currency}.',
  },
  last_admin: {
    fr: '{name} est le dernier administrateur actif : nommez d’abord un autre administrateur.',
    en: '{name} is the last active administrator: make another user an administrator first.',
  },
  self_deactivation: {
    fr: 'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.',
    en: 'You cannot deactivate your own account: ask another administrator to do it.',
  },
  admin_role_locked: {
    fr: 'Le rôle administrateur « {name} » a toutes les permissions : il ne peut être ni supprimé, ni restreint, et aucun autre rôle ne peut le devenir. Seul son nom peut changer.',
    en: 'The administrator role “{name}” has every permission: it cannot be deleted or restricted, and no other role can become one. Only its name can change.',
  },
  role_in_use: {
    fr: 'Le rôle « {name} » est encore attribué à {count} utilisateur(s) : donnez-leur un autre rôle avant de le supprimer.',
    en: 'The role “{name}” is still given to {count} user(s): give them another role before deleting it.',
  },
  role_name_taken: {
    fr: 'Un rôle s’appelle déjà « {name} » : choisissez un autre nom.',
    en: 'A role named “{name}” already exists: choose another name.',
  },
  last_active_location: {
    fr: '« {name} » est le dernier magasin actif : créez ou réactivez-en un autre avant de le désactiver.',
    en: '“{name}” is the last active location: create or reactivate another one before deactivating it.',
  },
  rate_limited: {
    fr: 'Trop de demandes : réessayez dans {seconds} seconde(s).',
    en: 'Too many requests: try again in {seconds} second(s).',
  },
  payload_too_large: {
    fr: 'Le fichier ou la demande est trop volumineux (maximum {limit}).',
    en: 'The file or request is too large (maximum {limit}).',
  },
  unsupported_media_type: {
    fr: 'Type de fichier non accepté : {type}.',
    en: 'File type not accepted: {type}.',
  },
  credit_limit_exceeded: {
    fr: 'Limite de crédit dépassée : limite {limit}, encours actuel {exposure}, montant demandé {amount}.',
    en: 'Credit limit exceeded: limit {limit}, current exposure {exposure}, amount requested {amount}.',
  },
  idempotency_conflict: {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre demande.',
    en: 'This idempotency key was already used for a different request.',
  },
  service_unavailable: {
    fr: 'Service momentanément indisponible : réessayez dans un instant.',
    en: 'Service temporarily unavailable: try again in a moment.',
  },
  internal_error: {
    fr: 'Erreur interne : réessayez ; si elle persiste, donnez l’identifiant {requestId} au support.',
    en: 'Internal error: try again; if it persists, give the id {requestId} to support.',
  },

  // Field issue codes
  required: {
    fr: 'Ce champ est obligatoire.',
    en: 'This field is required.',
  },
  invalid_value: {
    fr: 'Valeur invalide : « {value} ».',
    en: 'Invalid value: “{value}”.',
  },
  invalid_type: {
    fr: 'Type de valeur invalide : {expected} attendu.',
    en: 'Invalid value type: {expected} expected.',
  },
  invalid_enum: {
    fr: '« {value} » n’est pas accepté : valeurs possibles {allowed}.',
    en: '“{value}” is not accepted: allowed values are {allowed}.',
  },
  too_long: {
    fr: 'Trop long : {max} caractères au maximum.',
    en: 'Too long: at most {max} characters.',
  },
  too_short: {
    fr: 'Trop court : {min} caractères au minimum.',
    en: 'Too short: at least {min} characters.',
  },
  unknown_field: {
    fr: 'Champ inconnu « {field} ».',
    en: 'Unknown field “{field}”.',
  },
  invalid_email: {
    fr: '« {value} » n’est pas une adresse e-mail valide.',
    en: '“{value}” is not a valid email address.',
  },
  invalid_date: {
    fr: '« {value} » n’est pas une date valide (AAAA-MM-JJ).',
    en: '“{value}” is not a valid date (YYYY-MM-DD).',
  },
  date_in_future: {
    fr: 'La date « {value} » est dans le futur.',
    en: 'The date “{value}” is in the future.',
  },
  invalid_amount: {
    fr: '« {value} » n’est pas un montant valide : écrivez-le avec au plus {digits} décimale(s), par exemple {example}.',
    en: '“{value}” is not a valid amount: write it with at most {digits} decimal(s), for example {example}.',
  },
  amount_negative: {
    fr: 'Le montant « {value} » ne peut pas être négatif.',
    en: 'The amount “{value}” cannot be negative.',
  },
  amount_out_of_range: {
    fr: 'Le montant « {value} » est hors limites.',
    en: 'The amount “{value}” is out of range.',
  },
  phone_too_short: {
    fr: '« {value} » a trop peu de chiffres pour être un numéro de téléphone.',
    en: '“{value}” has too few digits to be a phone number.',
  },
  phone_unreadable: {
    fr: 'Le numéro « {value} » ne correspond pas au pays {country} : il est gardé tel quel, vérifiez-le.',
    en: 'The number “{value}” does not fit country {country}: it is kept as typed; check it.',
  },
  invalid_country: {
    fr: '« {value} » n’est pas un code pays ISO à deux lettres (FR, BE, CH…).',
    en: '“{value}” is not a two-letter ISO country code (FR, BE, CH…).',
  },
  invalid_iban: {
    fr: '« {value} » n’est pas un IBAN valide.',
    en: '“{value}” is not a valid IBAN.',
  },
  invalid_bic: {
    fr: '« {value} » n’est pas un BIC valide.',
    en: '“{value}” is not a valid BIC.',
  },
  invalid_tax_number: {
    fr: '« {value} » n’est pas un numéro de TVA valide pour {country}.',
    en: '“{value}” is not a valid VAT number for {country}.',
  },
  duplicate_mobile: {
    fr: 'Ce numéro est déjà celui de {name} ({code}).',
    en: 'This number already belongs to {name} ({code}).',
  },
  duplicate_email: {
    fr: 'Cette adresse e-mail est déjà celle de {name} ({code}).',
    en: 'This email address already belongs to {name} ({code}).',
  },
  duplicate_tax_number: {
    fr: 'Ce numéro fiscal est déjà celui de {name} ({code}).',
    en: 'This tax number already belongs to {name} ({code}).',
  },
  duplicate_loyalty_card: {
    fr: 'Cette carte de fidélité est déjà attribuée à {name} ({code}).',
    en: 'This loyalty card is already assigned to {name} ({code}).',
  },
  code_taken: {
    fr: 'Le code « {value} » est déjà utilisé par {name}.',
    en: 'Code “{value}” is already used by {name}.',
  },
  weak_password: {
    fr: 'Mot de passe trop faible : au moins {min} caractères, sans être une suite courante.',
    en: 'Password too weak: at least {min} characters, and not a common sequence.',
  },
  wrong_password: {
    fr: 'Le mot de passe actuel est incorrect.',
    en: 'The current password is wrong.',
  },
  unknown_permission: {
    fr: '« {value} » n’est pas une permission connue.',
    en: '“{value}” is not a known permission.',
  },
  invalid_code_prefix: {
    fr: '« {value} » n’est pas un préfixe valide : 1 à 6 lettres sans accent ou chiffres.',
    en: '“{value}” is not a valid prefix: 1 to 6 unaccented letters or digits.',
  },
  default_location_not_allowed: {
    fr: 'Le magasin par défaut doit faire partie des magasins autorisés de l’utilisateur.',
    en: 'The default location must be one of the user’s allowed locations.',
  },
  out_of_range: {
    fr: '« {value} » doit être un nombre entier de {min} à {max}.',
    en: '“{value}” must be a whole number from {min} to {max}.',
  },
  invalid_code: {
    fr: '« {value} » n’est pas un code valide : 1 à 30 lettres, chiffres ou caractères - _ / .',
    en: '“{value}” is not a valid code: 1 to 30 letters, digits or - _ / . characters.',
  },
  too_many_items: {
    fr: 'Trop d’éléments : {max} au maximum.',
    en: 'Too many items: at most {max}.',
  },
  not_found_ref: {
    fr: 'Aucun élément ne correspond à « {value} ».',
    en: 'Nothing matches “{value}”.',
  },
};

/** Picks fr or en from an Accept-Language header; French when unclear. */
export function pickLocale(header: string | undefined, fallback: Locale = 'fr'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.split('=')[1]) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

export function translate(code: string, locale: Locale, params: MessageParams = {}): string {
  const wording = messages[code];
  const template = wording ? wording[locale] : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    return value === undefined || value === null ? '' : String(value);
  });
}
