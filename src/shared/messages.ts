/**
 * The wording of every error and field issue code, in French and English.
 * Placeholders are written `{name}` and filled from the error's parameters.
 * A count takes its singular and plural forms as `{count:# line|# lines}`:
 * `#` stands for the number, and the language's plural rules pick the form,
 * so French writes 0 and 1 in the singular and English only 1.
 * An amount written as a decimal in the `currency` parameter is formatted
 * the language's way with `{value:money}`: `250,00 €` or `€250.00`.
 */
import { formatMoney, parseDecimal } from './money.ts';

export type Locale = 'fr' | 'en';
export type MessageParams = Record<string, string | number | null | undefined>;

interface Wording {
  fr: string;
  en: string;
  /**
   * The wording when the parameters have no `name`: a message about another
   * contact that the caller may not view says "another contact" instead.
   */
  unnamed?: { fr: string; en: string };
  /**
   * The wording of an issue on a query parameter, whose parameters then
   * contain `parameter` (its name) and `value` (as sent, see `quotedValue`).
   * An address has no form field to show a message beside, so the message
   * names both.
   */
  query?: { fr: string; en: string };
}

export const messages: Record<string, Wording> = {
  // Problem codes
  validation_failed: {
    fr: 'La demande contient {count:# valeur invalide : corrigez-la|# valeurs invalides : corrigez-les} et réessayez.',
    en: 'The request has {count:# invalid value: correct it|# invalid values: correct them} and try again.',
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
    fr: 'Trop d’échecs de connexion : réessayez dans {minutes:# minute|# minutes}.',
    en: 'Too many failed sign-ins: try again in {minutes:# minute|# minutes}.',
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
    fr: 'Introuvable : {entity}. Vérifiez l’identifiant ou l’adresse.',
    en: 'Not found: {entity}. Check the id or the address.',
    query: {
      fr: 'Introuvable : {entity} ({parameter}=« {value} »). Vérifiez l’identifiant.',
      en: 'Not found: {entity} ({parameter}=“{value}”). Check the id.',
    },
  },
  conflict: {
    fr: 'Conflit : {reason}.',
    en: 'Conflict: {reason}.',
  },
  contact_has_history: {
    fr: 'Impossible de supprimer ce contact : il a {count:# opération enregistrée|# opérations enregistrées}. Désactivez-le plutôt ; son historique sera conservé.',
    en: 'This contact cannot be deleted: it has {count:# recorded transaction|# recorded transactions}. Deactivate it instead; its history is kept.',
  },
  contact_code_taken: {
    fr: 'Le code contact « {code} » est déjà utilisé par {name} : choisissez-en un autre ou laissez le champ vide.',
    en: 'Contact code “{code}” is already used by {name}: choose another or leave it empty.',
    unnamed: {
      fr: 'Le code contact « {code} » est déjà utilisé par un autre contact : choisissez-en un autre ou laissez le champ vide.',
      en: 'Contact code “{code}” is already used by another contact: choose another or leave it empty.',
    },
  },
  duplicate_warning: {
    fr: 'Rien n’est enregistré : {count:# avertissement|# avertissements} à confirmer (doublon, numéro à vérifier, champ client retiré à un fournisseur). Renvoyez sans stopOnWarnings pour enregistrer quand même.',
    en: 'Nothing was saved: {count:# warning|# warnings} to confirm (duplicate, number to check, customer field removed from a supplier). Send again without stopOnWarnings to save anyway.',
  },
  contact_merged: {
    fr: 'Le contact {mergedCode} a été fusionné dans {name} ({code}) : utilisez ce contact à sa place.',
    en: 'Contact {mergedCode} was merged into {name} ({code}): use that contact instead.',
  },
  contact_anonymised: {
    fr: 'Le contact {code} est anonymisé : ses données personnelles ne peuvent plus être modifiées.',
    en: 'Contact {code} is anonymised: its personal data can no longer be changed.',
  },
  contact_changed: {
    fr: 'Le contact {code} a été modifié par {name} le {date} à {time}, après votre lecture : rien n’est enregistré. Rechargez-le pour voir ses valeurs actuelles, puis refaites vos changements.',
    en: 'Contact {code} was changed by {name} on {date} at {time}, after you read it, so nothing was saved. Reload it to see its current values, then make your changes again.',
    unnamed: {
      fr: 'Le contact {code} a été modifié le {date} à {time}, après votre lecture : rien n’est enregistré. Rechargez-le pour voir ses valeurs actuelles, puis refaites vos changements.',
      en: 'Contact {code} was changed on {date} at {time}, after you read it, so nothing was saved. Reload it to see its current values, then make your changes again.',
    },
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
    fr: 'La devise ne peut plus passer de {currency} à {requested} : l’entreprise a déjà {count:# contact|# contacts} dont les montants sont en {currency}.',
    en: 'The currency cannot change from {currency} to {requested}: the business already has {count:# contact|# contacts} whose amounts are in {currency}.',
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
    fr: 'Le rôle « {name} » est encore attribué à {count:# utilisateur : donnez-lui|# utilisateurs : donnez-leur} un autre rôle avant de le supprimer.',
    en: 'The role “{name}” is still given to {count:# user: give them|# users: give them} another role before deleting it.',
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
    fr: 'Trop de demandes : réessayez dans {seconds:# seconde|# secondes}.',
    en: 'Too many requests: try again in {seconds:# second|# seconds}.',
  },
  payload_too_large: {
    fr: 'Le fichier ou la demande est trop volumineux (maximum {megabytes} Mo) : envoyez-en un plus petit.',
    en: 'The file or request is too large (maximum {megabytes} MB): send a smaller one.',
  },
  unsupported_media_type: {
    fr: 'Type de contenu non accepté : « {type} ».',
    en: 'Content type not accepted: “{type}”.',
  },
  credit_limit_exceeded: {
    fr: 'Limite de crédit dépassée : limite {limit}, encours actuel {exposure}, montant demandé {amount}.',
    en: 'Credit limit exceeded: limit {limit}, current exposure {exposure}, amount requested {amount}.',
  },
  idempotency_conflict: {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre demande : envoyez celle-ci avec une nouvelle clé.',
    en: 'This idempotency key was already used for a different request: send this one with a new key.',
  },
  document_status: {
    fr: 'Le document {reference} est « {status} » : cette action n’est pas possible dans cet état.',
    en: 'Document {reference} is “{status}”: this action is not possible in that state.',
  },
  sale_customer_changed: {
    fr: 'Le client de la vente {reference} a changé entre-temps : rechargez-la et réessayez.',
    en: 'The customer of sale {reference} changed meanwhile: reload it and try again.',
  },
  discount_already_reversed: {
    fr: 'La remise {reference} est déjà contrepassée.',
    en: 'Discount {reference} is already reversed.',
  },
  payment_already_reversed: {
    fr: 'Le règlement {reference} est déjà contrepassé.',
    en: 'Payment {reference} is already reversed.',
  },
  payment_not_reversible: {
    fr: 'Le règlement {reference} appartient à une vente au comptoir sans client : annulez la vente à la place.',
    en: 'Payment {reference} belongs to a walk-in sale with no contact: void the sale instead.',
  },
  secret_key_missing: {
    fr: 'Comptoir ne peut pas enregistrer de secret (mot de passe, jeton) : définissez {variable} (32 octets aléatoires en base64, par exemple `openssl rand -base64 32`), identique sur chaque instance, puis redémarrez.',
    en: 'Comptoir cannot store secrets (passwords, tokens): set {variable} (32 random bytes in base64, for example `openssl rand -base64 32`), the same on every instance, then restart.',
  },
  channel_not_configured: {
    fr: 'Le canal {channel} n’est pas configuré ou est désactivé : renseignez-le dans les réglages des messages.',
    en: 'The {channel} channel is not set up or is switched off: set it up in the message settings.',
  },
  channel_refused: {
    fr: 'Ce contact a refusé les messages par {channel} le {date}.',
    en: 'This contact refused messages by {channel} on {date}.',
  },
  contact_unreachable: {
    fr: 'Ce contact n’a pas de {field} utilisable pour le canal {channel}.',
    en: 'This contact has no usable {field} for the {channel} channel.',
  },
  template_in_use: {
    fr: 'Le modèle « {name} » sert à {count:# niveau de relance : choisissez-lui|# niveaux de relance : choisissez-leur} un autre modèle avant de le supprimer.',
    en: 'The template “{name}” is used by {count:# reminder level: give it|# reminder levels: give them} another template before deleting it.',
  },
  product_sku_taken: {
    fr: 'La référence « {sku} » est déjà celle du produit « {name} » : choisissez-en une autre.',
    en: 'SKU “{sku}” already belongs to the product “{name}”: choose another one.',
  },
  product_in_use: {
    fr: 'Le produit {sku} figure sur {count:# ligne de document|# lignes de documents} : désactivez-le plutôt que de le supprimer.',
    en: 'Product {sku} is on {count:# document line|# document lines}: deactivate it instead of deleting it.',
  },
  price_group_name_taken: {
    fr: 'Un groupe de prix s’appelle déjà « {name} » : choisissez un autre nom.',
    en: 'A price group is already called “{name}”: choose another name.',
  },
  price_group_in_use: {
    fr: 'Le groupe de prix « {name} » est utilisé par {count:# groupe de clients : changez-le|# groupes de clients : changez-les} d’abord.',
    en: 'Price group “{name}” is used by {count:# customer group: change it|# customer groups: change them} first.',
  },
  customer_group_name_taken: {
    fr: 'Un groupe de clients s’appelle déjà « {name} » : choisissez un autre nom.',
    en: 'A customer group is already called “{name}”: choose another name.',
  },
  customer_group_in_use: {
    fr: 'Le groupe « {name} » contient {count:# contact : indiquez moveTo=<id d’un autre groupe> ou moveTo=none pour le déplacer|# contacts : indiquez moveTo=<id d’un autre groupe> ou moveTo=none pour les déplacer} avant la suppression.',
    en: 'Group “{name}” contains {count:# contact: pass moveTo=<another group id> or moveTo=none to move it|# contacts: pass moveTo=<another group id> or moveTo=none to move them} before deleting it.',
  },
  service_unavailable: {
    fr: 'Service momentanément indisponible : réessayez dans un instant.',
    en: 'Service temporarily unavailable: try again in a moment.',
  },
  internal_error: {
    fr: 'Erreur interne : réessayez ; si elle persiste, donnez l’identifiant {requestId} au support.',
    en: 'Internal error: try again; if it persists, give the id {requestId} to support.',
  },

  file_empty: {
    fr: 'Le fichier est vide : il n’y a rien à importer.',
    en: 'The file is empty: there is nothing to import.',
  },
  file_type_unsupported: {
    fr: 'Ce fichier est au format {found}, que l’import ne lit pas : envoyez un CSV, un classeur XLSX, XLS ou ODS, ou un fichier vCard.',
    en: 'This file is {found}, which the import cannot read: send a CSV file, an XLSX, XLS or ODS workbook, or a vCard file.',
  },
  file_not_text: {
    fr: 'Ce fichier est binaire alors qu’un texte (CSV, vCard) était attendu : vérifiez que c’est le bon fichier.',
    en: 'This file is binary where text (CSV, vCard) was expected: check that it is the right file.',
  },
  file_unreadable: {
    fr: 'Le fichier est illisible ou endommagé ({reason}) : réenregistrez-le depuis le tableur et réessayez.',
    en: 'The file is unreadable or damaged ({reason}): save it again from the spreadsheet and try again.',
  },
  file_encoding_unknown: {
    fr: 'Encodage inconnu : « {encoding} ».',
    en: 'Unknown encoding: “{encoding}”.',
  },
  file_encoding_mismatch: {
    fr: 'Le fichier n’est pas lisible en {encoding} (caractère n° {position}) : enregistrez-le en UTF-8 ou indiquez son encodage.',
    en: 'The file cannot be read as {encoding} (character {position}): save it as UTF-8 or state its encoding.',
  },
  archive_too_large: {
    fr: 'Le classeur décompressé dépasse {megabytes} Mo, ou annonce une taille fausse : il est refusé.',
    en: 'The workbook is larger than {megabytes} MB once uncompressed, or misstates its size: it is rejected.',
  },
  csv_quote_unclosed: {
    fr: 'Un guillemet ouvert à la ligne {line} n’est jamais fermé : corrigez le fichier et réessayez.',
    en: 'A quote opened at line {line} is never closed: correct the file and try again.',
  },
  csv_record_too_long: {
    fr: 'La ligne {line} dépasse un million de caractères : le fichier n’est sans doute pas un CSV.',
    en: 'Line {line} is longer than a million characters: the file is probably not a CSV file.',
  },
  csv_malformed: {
    fr: 'Le fichier CSV est mal formé à la ligne {line} ({reason}).',
    en: 'The CSV file is malformed at line {line} ({reason}).',
  },
  import_file_missing: {
    fr: 'Aucun fichier reçu : envoyez-le dans le champ « file » du formulaire.',
    en: 'No file received: send it in the “file” field of the form.',
  },
  import_header_missing: {
    fr: 'La ligne d’en-tête {line} n’existe pas dans le fichier.',
    en: 'Header line {line} does not exist in the file.',
  },
  import_too_many_rows: {
    fr: 'Le fichier a plus de {max} lignes de données (ligne {line}) : découpez-le en plusieurs fichiers.',
    en: 'The file has more than {max} data rows (line {line}): split it into several files.',
  },
  import_not_pending: {
    fr: 'Cet import est à l’état « {status} » : seul un aperçu en attente peut être importé.',
    en: 'This import is “{status}”: only a pending preview can be imported.',
  },
  import_busy: {
    fr: 'Un autre import de ce commerce est en cours : attendez qu’il se termine ou annulez-le.',
    en: 'Another import of this business is running: wait for it to finish or cancel it.',
  },
  import_not_undoable: {
    fr: 'Seul un import terminé peut être défait ; celui-ci est à l’état « {status} ».',
    en: 'Only a finished import can be undone; this one is “{status}”.',
  },
  import_not_running: {
    fr: 'Cet import n’est pas en cours (état « {status} ») : il n’y a rien à interrompre.',
    en: 'This import is not running (status “{status}”): there is nothing to cancel.',
  },
  import_undo_blocked: {
    fr: 'Impossible de défaire cet import : {count:# de ses contacts a|# de ses contacts ont} depuis des opérations ou des modifications ({contacts}). Rien n’a été défait : vous pouvez défaire les autres contacts et garder ceux-là.',
    en: 'This import cannot be undone: {count:# of its contacts has|# of its contacts have} had transactions or changes since ({contacts}). Nothing was undone: you can undo the other contacts and keep those.',
  },
  import_undo_nothing_left: {
    fr: 'Rien ne peut être défait dans cet import : chacun de ses {count} contacts restants a depuis des opérations ou des modifications ({contacts}).',
    en: 'Nothing of this import can be undone: each of its {count} remaining contacts has had transactions or changes since ({contacts}).',
  },
  import_other_contact: {
    fr: '{count} autre contact',
    en: '{count} other contact',
  },
  import_other_contacts: {
    fr: '{count} autres contacts',
    en: '{count} other contacts',
  },
  import_partial_undo_unsupported: {
    fr: 'Un import de ventes se défait en entier : garder les contacts modifiés ne s’applique qu’aux imports de contacts. Retirez cette option.',
    en: 'A sales import is undone whole: keeping the changed contacts applies to contact imports only. Leave that option out.',
  },
  import_interrupted: {
    fr: 'Cet import a été marqué interrompu pendant qu’il tournait, car son serveur ne donnait plus signe de vie : rien n’a été enregistré. Relancez-le.',
    en: 'This import was marked interrupted while it ran, because its server had stopped reporting in: nothing was saved. Start it again.',
  },
  import_keep_transactions: {
    fr: 'a des ventes, des règlements ou des écritures depuis l’import',
    en: 'has had sales, payments or ledger entries since the import',
  },
  import_keep_loyalty: {
    fr: 'a des mouvements de points de fidélité depuis l’import',
    en: 'has had loyalty point movements since the import',
  },
  import_keep_edited: {
    fr: 'a été modifié depuis l’import',
    en: 'was edited since the import',
  },
  import_keep_deleted: {
    fr: 'a été supprimé depuis l’import : rien à remettre',
    en: 'was deleted since the import: nothing to restore',
  },
  money_field_forbidden: {
    fr: 'Le champ « {field} » demande la permission « {permission} » : laissez-le vide ou demandez cette permission à un administrateur.',
    en: 'The “{field}” field needs the “{permission}” permission: leave it empty or ask an administrator for it.',
  },
  supplier_credit_limit_forbidden: {
    fr: 'Faire de « {name} » un fournisseur retire sa limite de crédit de {value:money}, ce qui demande la permission « {permission} » : demandez ce changement à un administrateur, ou faites du contact un client et fournisseur.',
    en: 'Making “{name}” a supplier removes its credit limit of {value:money}, which needs the “{permission}” permission: ask an administrator to make this change, or make the contact a customer and supplier.',
  },
  supplier_group_forbidden: {
    fr: 'Faire de « {name} » un fournisseur retire son groupe de clients « {value} », ce qui demande la permission « {permission} » : demandez ce changement à un administrateur, ou faites du contact un client et fournisseur.',
    en: 'Making “{name}” a supplier removes its customer group “{value}”, which needs the “{permission}” permission: ask an administrator to make this change, or make the contact a customer and supplier.',
  },
  void_reverses_payments: {
    fr: 'Annuler {reference} annulerait aussi ses règlements, ce qui demande la permission « {permission} » : demandez à un responsable de l’annuler.',
    en: 'Voiding {reference} would also reverse its payments, which needs the “{permission}” permission: ask a manager to void it.',
  },
  opening_balance_locked: {
    fr: 'Le solde d’ouverture de {name} ne peut plus être modifié, car le compte a {count:# opération|# opérations} depuis. Enregistrez plutôt un règlement ou une remise à la date d’aujourd’hui.',
    en: 'The opening balance of {name} can no longer be changed, because the account has had {count:# transaction|# transactions} since. Record a payment or a discount dated today instead.',
  },
  contact_type_hides_customer: {
    fr: '{name} ne peut pas cesser d’être client, car son compte n’est pas soldé ({amount}) et disparaîtrait de la liste des clients. Choisissez le type « client et fournisseur » ou soldez d’abord le compte.',
    en: '{name} cannot stop being a customer, because the account is not settled ({amount}) and would leave the customer list. Choose the type “customer and supplier” or settle the account first.',
  },
  contact_type_hides_supplier: {
    fr: '{name} ne peut pas cesser d’être fournisseur, car son compte n’est pas soldé ({amount}) et disparaîtrait de la liste des fournisseurs. Choisissez le type « client et fournisseur » ou soldez d’abord le compte.',
    en: '{name} cannot stop being a supplier, because the account is not settled ({amount}) and would leave the supplier list. Choose the type “customer and supplier” or settle the account first.',
  },
  contact_inactive_credit: {
    fr: '{name} est inactif : une vente à crédit est refusée. Encaissez la vente en entier ou réactivez d’abord le contact.',
    en: '{name} is inactive, so a sale on credit is rejected. Take full payment for the sale or reactivate the contact first.',
  },

  // Field issue codes
  required: {
    fr: 'Ce champ est obligatoire.',
    en: 'This field is required.',
    query: {
      fr: '{parameter} est absent ou vide : ajoutez {parameter} à l’adresse, avec une valeur.',
      en: '{parameter} is missing or empty: add {parameter} to the address, with a value.',
    },
  },
  invalid_value: {
    fr: 'Valeur invalide : « {value} ».',
    en: 'Invalid value: “{value}”.',
    query: {
      fr: '{parameter} : « {value} » n’est pas une valeur valide.',
      en: '{parameter}: “{value}” is not a valid value.',
    },
  },
  invalid_type: {
    fr: '« {value} » n’est pas du type attendu : {expected}.',
    en: '“{value}” is not of the expected type: {expected}.',
    query: {
      fr: '{parameter} : « {value} » n’est pas du type attendu : {expected}.',
      en: '{parameter}: “{value}” is not of the expected type: {expected}.',
    },
  },
  enum_not_text: {
    fr: '{value} n’est pas un texte : envoyez l’une des valeurs {allowed} entre guillemets.',
    en: '{value} is not text: send one of {allowed} in double quotes.',
  },
  enum_empty: {
    fr: '{path} est vide : indiquez l’une des valeurs {allowed}.',
    en: '{path} is empty: give one of {allowed}.',
  },
  invalid_enum: {
    fr: '« {value} » n’est pas accepté : valeurs possibles {allowed}.',
    en: '“{value}” is not accepted: allowed values are {allowed}.',
    query: {
      fr: '{parameter} : « {value} » n’est pas accepté. Valeurs possibles : {allowed}.',
      en: '{parameter}: “{value}” is not accepted. Allowed values: {allowed}.',
    },
  },
  too_long: {
    fr: 'Trop long : {max} caractères au maximum.',
    en: 'Too long: at most {max} characters.',
    query: {
      fr: '{parameter} : « {value} » est trop long, {max} caractères au maximum. Raccourcissez-le.',
      en: '{parameter}: “{value}” is too long, at most {max} characters. Shorten it.',
    },
  },
  too_short: {
    fr: 'Trop court : {min} caractères au minimum.',
    en: 'Too short: at least {min} characters.',
    query: {
      fr: '{parameter} : « {value} » est trop court, {min} caractères au minimum.',
      en: '{parameter}: “{value}” is too short, at least {min} characters.',
    },
  },
  unknown_field: {
    fr: 'Champ inconnu « {field} ».',
    en: 'Unknown field “{field}”.',
  },
  note_without_author_private: {
    fr: 'Cette note écrite par Comptoir ne peut pas devenir privée, car plus personne ne la verrait : laissez-la visible de tous, ou ajoutez une note privée à votre nom.',
    en: 'This note written by Comptoir cannot be made private, because no one would see it any more: leave it visible to everyone, or add a private note of your own.',
  },
  custom_field_unlabelled: {
    fr: 'Le champ personnalisé {number} n’a pas de nom : nommez-le dans Paramètres › Champs personnalisés, puis enregistrez à nouveau.',
    en: 'Custom field {number} has no label: name it under Settings › Custom field labels, then save again.',
  },
  parameter_repeated: {
    fr: '{path} figure {count} fois dans l’adresse ({values}) : gardez-en une seule valeur.',
    en: '{path} appears {count} times in the address ({values}): keep only one value.',
  },
  unknown_parameter: {
    fr: 'Paramètre inconnu « {parameter} » (valeur « {value} ») : retirez-le de l’adresse. Paramètres acceptés : {allowed}.',
    en: 'Unknown query parameter “{parameter}” (value “{value}”): remove it from the address. Accepted parameters: {allowed}.',
  },
  no_query_parameters: {
    fr: 'Paramètre inconnu « {parameter} » (valeur « {value} ») : cette adresse n’accepte aucun paramètre, retirez-le.',
    en: 'Unknown query parameter “{parameter}” (value “{value}”): this address takes no query parameters, so remove it.',
  },
  invalid_email: {
    fr: '« {value} » n’est pas une adresse e-mail valide : écrivez-la sous la forme nom@exemple.fr, sans espace ni lettre accentuée avant le @.',
    en: '“{value}” is not a valid email address: write it like name@example.com, with no spaces or accented letters before the @.',
  },
  invalid_date: {
    fr: '« {value} » n’est pas une date valide : écrivez un jour qui existe au format AAAA-MM-JJ, par exemple 2024-03-31.',
    en: '“{value}” is not a valid date: write a day that exists as YYYY-MM-DD, for example 2024-03-31.',
    query: {
      fr: '{parameter} : « {value} » n’est pas une date valide. Écrivez un jour qui existe au format AAAA-MM-JJ, par exemple 2024-03-31.',
      en: '{parameter}: “{value}” is not a valid date. Write a day that exists as YYYY-MM-DD, for example 2024-03-31.',
    },
  },
  date_empty: {
    fr: '{path} est vide : indiquez une date au format AAAA-MM-JJ, par exemple 2024-03-31.',
    en: '{path} is empty: give a date as YYYY-MM-DD, for example 2024-03-31.',
  },
  date_parameter_empty: {
    fr: '{path} est vide : indiquez une date au format AAAA-MM-JJ, par exemple 2024-03-31, ou retirez {path}.',
    en: '{path} is empty: give a date as YYYY-MM-DD, for example 2024-03-31, or leave {path} out.',
  },
  date_in_future: {
    fr: 'La date « {value} » est dans le futur : indiquez une date passée.',
    en: 'The date “{value}” is in the future: give a past date.',
  },
  invalid_amount: {
    fr: '« {value} » n’est pas un montant valide : écrivez-le avec au plus {digits:# décimale|# décimales}, par exemple {example}.',
    en: '“{value}” is not a valid amount: write it with at most {digits:# decimal|# decimals}, for example {example}.',
  },
  amount_negative: {
    fr: 'Le montant « {value} » ne peut pas être négatif.',
    en: 'The amount “{value}” cannot be negative.',
  },
  amount_out_of_range: {
    fr: 'Le montant « {value} » est trop grand : {max} au maximum.',
    en: 'The amount “{value}” is too large: at most {max}.',
  },
  phone_too_short: {
    fr: '« {value} » a trop peu de chiffres pour être un numéro de téléphone.',
    en: '“{value}” has too few digits to be a phone number.',
  },
  phone_unreadable: {
    fr: 'Le numéro « {value} » ne correspond pas au pays {country} : il est gardé tel quel, vérifiez-le.',
    en: 'The number “{value}” does not fit country {country}: it is kept as typed; check it.',
  },
  phone_invalid: {
    fr: 'Le numéro « {value} » n’existe pas dans le plan de numérotation de son indicatif : il est gardé tel quel, vérifiez-le.',
    en: 'The number “{value}” does not exist in the numbering plan of its country code: it is kept as typed; check it.',
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
    unnamed: {
      fr: 'Ce numéro est déjà celui d’un autre contact.',
      en: 'This number already belongs to another contact.',
    },
  },
  duplicate_email: {
    fr: 'Cette adresse e-mail est déjà celle de {name} ({code}).',
    en: 'This email address already belongs to {name} ({code}).',
    unnamed: {
      fr: 'Cette adresse e-mail est déjà celle d’un autre contact.',
      en: 'This email address already belongs to another contact.',
    },
  },
  duplicate_tax_number: {
    fr: 'Ce numéro fiscal est déjà celui de {name} ({code}).',
    en: 'This tax number already belongs to {name} ({code}).',
    unnamed: {
      fr: 'Ce numéro fiscal est déjà celui d’un autre contact.',
      en: 'This tax number already belongs to another contact.',
    },
  },
  duplicate_loyalty_card: {
    fr: 'Cette carte de fidélité est déjà attribuée à {name} ({code}) : saisissez un autre numéro, ou fusionnez les deux contacts s’il s’agit de la même personne.',
    en: 'This loyalty card is already assigned to {name} ({code}): enter another number, or merge the two contacts if they are the same person.',
    unnamed: {
      fr: 'Cette carte de fidélité est déjà attribuée à un autre contact : vérifiez son numéro.',
      en: 'This loyalty card is already assigned to another contact: check its number.',
    },
  },
  customer_field_on_supplier: {
    fr: '« {value} » ne sert qu’aux clients, et ce contact est un fournisseur : videz ce champ, ou faites du contact un client ou un client et fournisseur.',
    en: '“{value}” applies to customers only, and this contact is a supplier: clear this field, or make the contact a customer or both.',
  },
  supplier_card_cleared: {
    fr: 'La carte de fidélité « {value} » est retirée, car un fournisseur n’en a pas. Pour la garder, faites du contact un client et fournisseur.',
    en: 'The loyalty card “{value}” is removed, because a supplier has none. To keep it, make the contact a customer and supplier.',
  },
  supplier_credit_limit_cleared: {
    fr: 'La limite de crédit de {value:money} est retirée, car un fournisseur n’en a pas. Pour la garder, faites du contact un client et fournisseur.',
    en: 'The credit limit of {value:money} is removed, because a supplier has none. To keep it, make the contact a customer and supplier.',
  },
  supplier_group_cleared: {
    fr: 'Le groupe de clients « {value} » est retiré, car un fournisseur n’appartient à aucun groupe. Pour le garder, faites du contact un client et fournisseur.',
    en: 'The customer group “{value}” is removed, because a supplier belongs to none. To keep it, make the contact a customer and supplier.',
  },
  merge_supplier_customer_field: {
    fr: 'La fusion laisse un fournisseur, qui ne prend pas ce champ réservé aux clients de « {value} » : retirez ce choix de fields, ou ajoutez un client à la fusion.',
    en: 'The merge leaves a supplier, which does not take this customer-only field from “{value}”: remove this choice from fields, or add a customer to the merge.',
  },
  merge_card_taken: {
    fr: 'La carte de fidélité « {value} » que garderait le contact fusionné est déjà attribuée à {name} ({code}) : ajoutez ce contact à la fusion, ou choisissez la carte d’un autre contact dans fields.loyaltyCardNumber.',
    en: 'The loyalty card “{value}” the merged contact would keep is already assigned to {name} ({code}): add that contact to the merge, or choose another contact’s card in fields.loyaltyCardNumber.',
    unnamed: {
      fr: 'La carte de fidélité « {value} » que garderait le contact fusionné est déjà attribuée à un autre contact : choisissez la carte d’un autre contact dans fields.loyaltyCardNumber.',
      en: 'The loyalty card “{value}” the merged contact would keep is already assigned to another contact: choose another contact’s card in fields.loyaltyCardNumber.',
    },
  },
  code_taken: {
    fr: 'Le code « {value} » est déjà utilisé par {name}.',
    en: 'Code “{value}” is already used by {name}.',
    unnamed: {
      fr: 'Le code « {value} » est déjà utilisé par un autre contact.',
      en: 'Code “{value}” is already used by another contact.',
    },
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
    fr: '« {value} » n’est pas un préfixe valide : 1 à 6 lettres sans accent ou chiffres, suivis au besoin d’un tiret (CLI-).',
    en: '“{value}” is not a valid prefix: 1 to 6 unaccented letters or digits, optionally followed by a hyphen (CLI-).',
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
  unknown_placeholder: {
    fr: 'Variable inconnue {{{name}}} : choisissez-la dans la liste des variables.',
    en: 'Unknown placeholder {{{name}}}: pick one from the placeholder list.',
  },
  placeholder_not_available: {
    fr: 'La variable {{{name}}} n’existe pas pour l’événement {event}.',
    en: 'The placeholder {{{name}}} is not available for the {event} event.',
  },
  malformed_placeholder: {
    fr: 'Variable mal écrite « {value} » : écrivez son nom entre doubles accolades, en minuscules sans accent ni espace.',
    en: 'Malformed placeholder “{value}”: write its name between double braces, in lower case without accents or spaces.',
  },
  duplicate_content: {
    fr: 'Il y a déjà un texte pour le canal {channel} en {locale}.',
    en: 'There is already a text for the {channel} channel in {locale}.',
  },
  no_content_for_channel: {
    fr: 'Le modèle n’a pas de texte pour le canal {channel}.',
    en: 'The template has no text for the {channel} channel.',
  },
  template_event_mismatch: {
    fr: 'Ce modèle est pour l’événement {actual}, pas {expected}.',
    en: 'This template is for the {actual} event, not {expected}.',
  },
  invalid_url: {
    fr: '« {value} » n’est pas une adresse http:// ou https:// valide.',
    en: '“{value}” is not a valid http:// or https:// address.',
  },
  invalid_time: {
    fr: '« {value} » n’est pas une heure valide (HH:MM, de 00:00 à 23:59).',
    en: '“{value}” is not a valid time (HH:MM, from 00:00 to 23:59).',
  },
  invalid_header_name: {
    fr: '« {value} » n’est pas un nom d’en-tête HTTP accepté.',
    en: '“{value}” is not an accepted HTTP header name.',
  },
  gateway_placeholder_missing: {
    fr: 'L’adresse ou le corps de la requête doit contenir {{{name}}}.',
    en: 'The URL or the request body must contain {{{name}}}.',
  },
  invalid_phone: {
    fr: '« {value} » n’est pas un numéro de téléphone valide : écrivez-le avec son indicatif, par exemple +33 6 12 34 56 78.',
    en: '“{value}” is not a valid phone number: write it with its country code, for example +33 6 12 34 56 78.',
  },
  not_found_ref: {
    fr: 'Aucun élément ne correspond à « {value} ».',
    en: 'Nothing matches “{value}”.',
    query: {
      fr: '{parameter} : rien ne correspond à « {value} ». Vérifiez l’identifiant.',
      en: '{parameter}: nothing matches “{value}”. Check the id.',
    },
  },
  invalid_month_day: {
    fr: '« {value} » n’est pas un jour de l’année valide : écrivez MM-JJ, par exemple 12-24.',
    en: '“{value}” is not a valid day of the year: write MM-DD, for example 12-24.',
    query: {
      fr: '{parameter} : « {value} » n’est pas un jour de l’année valide. Écrivez MM-JJ, par exemple 12-24.',
      en: '{parameter}: “{value}” is not a valid day of the year. Write MM-DD, for example 12-24.',
    },
  },
  month_day_parameter_empty: {
    fr: '{path} est vide : indiquez un jour de l’année au format MM-JJ, par exemple 12-24, ou retirez {path}.',
    en: '{path} is empty: give a day of the year as MM-DD, for example 12-24, or leave {path} out.',
  },
  fields_empty: {
    fr: 'fields est vide : nommez les champs voulus, séparés par des virgules, parmi {allowed}, ou retirez fields pour recevoir tous les champs.',
    en: 'fields is empty: name the fields you need, separated by commas, among {allowed}, or remove fields to get every field.',
  },
  empty_field_name: {
    fr: 'fields : « {value} » contient un nom vide (deux virgules de suite, ou une virgule au début ou à la fin). Retirez la virgule en trop. Noms acceptés : {allowed}.',
    en: 'fields: “{value}” contains an empty name (two commas in a row, or a comma at the start or end). Remove the extra comma. Accepted names: {allowed}.',
  },
  field_repeated: {
    fr: 'fields : « {value} » en position {position} est déjà indiqué en position {first}. Gardez chaque nom une seule fois.',
    en: 'fields: “{value}” at position {position} is already given at position {first}. Keep each name once.',
  },
  order_without_sort: {
    fr: 'order={value} ne s’applique pas à une recherche (q), classée par pertinence : ajoutez sort (name, code, balance, createdAt ou lastActivity) pour trier les résultats dans cet ordre, sort=relevance pour inverser le classement, ou retirez order.',
    en: 'order={value} does not apply to a search (q), which is ranked by relevance: add sort (name, code, balance, createdAt or lastActivity) to sort the matches in that order, sort=relevance to reverse the ranking, or remove order.',
  },
  relevance_without_search: {
    fr: 'sort=relevance classe les résultats d’une recherche : ajoutez q, ou choisissez un autre tri (name, code, balance, createdAt ou lastActivity).',
    en: 'sort=relevance ranks the matches of a search: add q, or choose another sort (name, code, balance, createdAt or lastActivity).',
  },
  invalid_cursor: {
    fr: 'cursor : « {value} » n’est pas un curseur de page de cette liste, ou vient d’un autre tri. Repartez de la première page, sans cursor.',
    en: 'cursor: “{value}” is not a page cursor of this list, or comes from another sort order. Start again from the first page, without cursor.',
  },
  session_patch_empty: {
    fr: 'Rien à changer : envoyez locale (fr, en ou null), name, ou les deux.',
    en: 'Nothing to change: send locale (fr, en or null), name, or both.',
  },
  view_name_taken: {
    fr: 'Vous avez déjà une vue nommée « {name} » : choisissez un autre nom.',
    en: 'You already have a view named “{name}”: choose another name.',
  },
  view_column_repeated: {
    fr: 'La colonne « {value} » en position {position} est déjà indiquée en position {first} : gardez-la une seule fois.',
    en: 'Column “{value}” at position {position} is already given at position {first}: keep it once.',
  },
  view_limit_reached: {
    fr: 'Vous avez déjà {max} vues enregistrées : supprimez-en une avant d’en créer une autre.',
    en: 'You already have {max} saved views: delete one before saving another.',
  },
  merge_too_many: {
    fr: 'Trop de contacts à fusionner : {max} au maximum à la fois.',
    en: 'Too many contacts to merge: at most {max} at a time.',
  },
  merge_repeated_contact: {
    fr: 'Un même contact figure deux fois dans la liste à fusionner.',
    en: 'The same contact appears twice in the list to merge.',
  },
  merge_keeps_itself: {
    fr: 'Le contact conservé ne peut pas figurer parmi les contacts fusionnés.',
    en: 'The kept contact cannot be one of the merged contacts.',
  },
  merge_contact_anonymised: {
    fr: 'Le contact {code} est anonymisé : il ne peut pas être fusionné, car son historique ne doit plus être rattaché à une personne. Retirez-le de la fusion.',
    en: 'Contact {code} is anonymised: it cannot be merged, because its history must no longer be tied to a person. Leave it out of the merge.',
  },
  merge_contact_not_found: {
    fr: '{count:Contact introuvable|Contacts introuvables} : {ids}. Vérifiez keepId et mergeIds, ou rechargez la liste des doublons.',
    en: '{count:Contact not found|Contacts not found}: {ids}. Check keepId and mergeIds, or reload the list of duplicates.',
  },
  merge_contact_merged: {
    fr: '« {value} » est le contact {mergedCode}, déjà fusionné dans {name} ({code}) : retirez-le de la fusion ou utilisez ce contact à sa place.',
    en: '“{value}” is contact {mergedCode}, already merged into {name} ({code}): leave it out of the merge or use that contact instead.',
  },
  merge_field_unknown: {
    fr: 'Champ inconnu « {field} » dans fields : choisissez parmi {allowed}.',
    en: 'Unknown field “{field}” in fields: choose among {allowed}.',
  },
  merge_custom_field_unknown: {
    fr: 'Champ personnalisé inconnu « {field} » dans fields : choisissez parmi {allowed}.',
    en: 'Unknown custom field “{field}” in fields: choose among {allowed}.',
  },
  merge_field_source: {
    fr: '« {value} » n’est ni le contact conservé ni un contact fusionné : choisissez keepId ou l’un des mergeIds.',
    en: '“{value}” is neither the kept contact nor a merged one: choose keepId or one of mergeIds.',
  },
  line_price_missing: {
    fr: 'La ligne n’a pas de prix : donnez unitPrice (prix unitaire HT) ou unitPriceWithTax (prix unitaire TTC).',
    en: 'The line has no price: give unitPrice (unit price excluding tax) or unitPriceWithTax (unit price including tax).',
  },
  line_two_prices: {
    fr: 'La ligne donne unitPrice ({unitPrice}) et unitPriceWithTax ({unitPriceWithTax}) : gardez un seul des deux prix.',
    en: 'The line gives both unitPrice ({unitPrice}) and unitPriceWithTax ({unitPriceWithTax}): keep only one of the two prices.',
  },
  invalid_quantity: {
    fr: '« {value} » n’est pas une quantité valide : un nombre positif avec au plus 3 décimales.',
    en: '“{value}” is not a valid quantity: a positive number with at most 3 decimals.',
  },
  invalid_percent: {
    fr: '« {value} » n’est pas un pourcentage valide : de 0 à 100, avec au plus 2 décimales.',
    en: '“{value}” is not a valid percentage: 0 to 100, with at most 2 decimals.',
  },
  amount_not_positive: {
    fr: 'Le montant doit être supérieur à zéro.',
    en: 'The amount must be greater than zero.',
  },
  unknown_payment_method: {
    fr: 'Mode de règlement inconnu ou désactivé : « {value} ».',
    en: 'Unknown or deactivated payment method: “{value}”.',
  },
  contact_not_customer: {
    fr: '{name} n’est pas un client : changez son type ou choisissez un autre contact.',
    en: '{name} is not a customer: change its type or pick another contact.',
  },
  contact_not_supplier: {
    fr: '{name} n’est pas un fournisseur : changez son type ou choisissez un autre contact.',
    en: '{name} is not a supplier: change its type or pick another contact.',
  },
  total_not_positive: {
    fr: 'Le total du document doit être supérieur à zéro.',
    en: 'The document total must be greater than zero.',
  },
  parked_with_payments: {
    fr: 'Un document en attente ne prend pas de règlement : finalisez-le avec ses règlements.',
    en: 'A parked document takes no payment: finalise it with its payments.',
  },
  payments_exceed_total: {
    fr: 'Les règlements dépassent le total du document.',
    en: 'The payments exceed the document total.',
  },
  walk_in_must_pay_in_full: {
    fr: 'Une vente sans client doit être réglée en totalité immédiatement.',
    en: 'A walk-in sale with no contact must be paid in full at once.',
  },
  walk_in_refund_required: {
    fr: 'Un retour sur une vente sans client doit être remboursé immédiatement : indiquez le mode de remboursement.',
    en: 'A return on a walk-in sale must be refunded at once: give the refund method.',
  },
  date_before_document: {
    fr: 'La date {value} est antérieure à celle du document ({date}).',
    en: 'The date {value} is before the document date ({date}).',
  },
  return_exceeds_sold: {
    fr: 'Retour de {value} impossible : il reste {remaining} à retourner sur cette ligne.',
    en: 'Cannot return {value}: {remaining} is left to return on this line.',
  },
  not_open_item: {
    fr: '« {value} » n’est pas un document ouvert de ce contact que ce règlement peut solder.',
    en: '“{value}” is not an open document of this contact that this payment can settle.',
  },
  allocation_exceeds_open: {
    fr: 'Ce montant dépasse ce qui reste dû sur {reference}.',
    en: 'This amount exceeds what is still open on {reference}.',
  },
  allocations_exceed_amount: {
    fr: 'Les affectations dépassent le montant du règlement.',
    en: 'The allocations exceed the payment amount.',
  },
  location_not_allowed: {
    fr: 'Vous n’avez pas accès au magasin « {value} ».',
    en: 'You have no access to location “{value}”.',
  },
  direction_required: {
    fr: 'Ce contact est client et fournisseur : indiquez le sens, « received » (encaissé) ou « paid » (versé).',
    en: 'This contact is both customer and supplier: give the direction, “received” or “paid”.',
  },
  direction_not_allowed: {
    fr: 'Le sens « {value} » ne convient pas à ce contact ({type}).',
    en: 'Direction “{value}” does not fit this contact ({type}).',
  },
  refund_exceeds_credit: {
    fr: 'Le remboursement dépasse ce que le contact a en crédit ({available}).',
    en: 'The refund exceeds the credit the contact holds ({available}).',
  },
  discount_exceeds_due: {
    fr: 'La remise dépasse ce qui reste dû ({available}).',
    en: 'The discount exceeds what is still due ({available}).',
  },
  side_required: {
    fr: 'Ce contact est client et fournisseur : indiquez le côté, « sale » (vente) ou « purchase » (achat).',
    en: 'This contact is both customer and supplier: give the side, “sale” or “purchase”.',
  },
  sources_total_mismatch: {
    fr: 'Les sources du remboursement doivent totaliser son montant.',
    en: 'The refund sources must add up to its amount.',
  },
  method_label_taken: {
    fr: 'Un mode de règlement s’appelle déjà « {value} ».',
    en: 'A payment method named “{value}” already exists.',
  },
  amount_ambiguous: {
    fr: '« {value} » est ambigu (séparateur de milliers ou trois décimales ?) : écrivez 1 234,00 ou 1,23.',
    en: '“{value}” is ambiguous (thousands separator or three decimals?): write 1,234.00 or 1.23.',
  },
  import_invalid_date: {
    fr: '« {value} » n’est pas une date valide : écrivez-la {format} ou AAAA-MM-JJ.',
    en: '“{value}” is not a valid date: write it {format} or YYYY-MM-DD.',
  },
  phone_restored: {
    fr: 'Le numéro était enregistré comme un nombre ({value}) : il est lu « {restored} », vérifiez-le.',
    en: 'The number was stored as a figure ({value}): it is read as “{restored}”; check it.',
  },
  pay_term_unreadable: {
    fr: '« {value} » n’est pas un délai de paiement : écrivez par exemple 30, 30 jours, 2 mois ou 30 jours fin de mois.',
    en: '“{value}” is not a pay term: write for example 30, 30 days, 2 months or 30 days end of month.',
  },
  duplicate_in_file: {
    fr: 'Même {key} que la ligne {line} du fichier.',
    en: 'Same {key} as line {line} of the file.',
  },
  matches_several: {
    fr: 'Cette ligne correspond à plusieurs contacts existants ({codes}) : indiquez le code contact.',
    en: 'This row matches several existing contacts ({codes}): give the contact code.',
  },
  custom_field_filter_empty: {
    fr: '{parameter} est vide : indiquez la valeur cherchée (majuscules et accents ne comptent pas), ou retirez {parameter}.',
    en: '{parameter} is empty: give the value to look for (case and accents are ignored), or leave {parameter} out.',
  },
  id_parameter_empty: {
    fr: '{path} ne contient aucun identifiant : indiquez l’identifiant d’un {entity}, ou retirez {path}.',
    en: '{path} contains no id: give the id of a {entity}, or leave {path} out.',
    query: {
      fr: '{parameter} : « {value} » ne contient aucun identifiant. Indiquez l’identifiant d’un {entity}, ou retirez {parameter}.',
      en: '{parameter}: “{value}” contains no id. Give the id of a {entity}, or leave {parameter} out.',
    },
  },
  filter_group_not_found: {
    fr: 'Aucun groupe de clients n’a l’identifiant « {value} » : choisissez un groupe dans la liste, ou retirez ce filtre.',
    en: 'No customer group has the id “{value}”: choose a group from the list, or remove this filter.',
    query: {
      fr: '{parameter} : aucun groupe de clients n’a l’identifiant « {value} ». Choisissez un groupe dans la liste, ou retirez ce filtre.',
      en: '{parameter}: no customer group has the id “{value}”. Choose a group from the list, or remove this filter.',
    },
  },
  filter_user_not_found: {
    fr: 'Aucun utilisateur n’a l’identifiant « {value} » : choisissez un utilisateur dans la liste, ou retirez ce filtre.',
    en: 'No user has the id “{value}”: choose a user from the list, or remove this filter.',
    query: {
      fr: '{parameter} : aucun utilisateur n’a l’identifiant « {value} ». Choisissez un utilisateur dans la liste, ou retirez ce filtre.',
      en: '{parameter}: no user has the id “{value}”. Choose a user from the list, or remove this filter.',
    },
  },
  group_not_found: {
    fr: 'Aucun groupe de clients ne s’appelle « {value} ».',
    en: 'No customer group is called “{value}”.',
  },
  value_not_an_address: {
    fr: '« {value} » est une valeur de case à cocher, pas une adresse : elle n’est pas importée.',
    en: '“{value}” is a check-box value, not an address: it is not imported.',
  },
  birth_date_no_year: {
    fr: 'La date de naissance « {value} » n’a pas d’année : Comptoir ne garde que des dates complètes, elle n’est donc pas importée. Ajoutez l’année sur la fiche si vous la connaissez.',
    en: 'The birth date “{value}” has no year: Comptoir keeps full dates only, so it is not imported. Add the year on the contact if you know it.',
  },
  birth_date_incomplete: {
    fr: 'La date de naissance donnée en colonnes année, mois et jour est incomplète ou impossible (année sur 4 chiffres).',
    en: 'The birth date given as year, month and day columns is incomplete or impossible (4-digit year).',
  },
  import_existing: {
    fr: 'Déjà existant : {name} ({code}).',
    en: 'Already exists: {name} ({code}).',
  },
  import_existing_hidden: {
    fr: 'Déjà existant : un autre contact, que vous ne pouvez pas consulter.',
    en: 'Already exists: another contact, which you cannot view.',
  },
  import_another_contact: {
    fr: 'un autre contact',
    en: 'another contact',
  },
  import_code_other_person: {
    fr: 'Le code « {value} » est déjà celui de {name}, une autre personne que celle de cette ligne : retirez la colonne du code de l’import pour que Comptoir donne de nouveaux codes, ou corrigez la valeur.',
    en: 'Code “{value}” already belongs to {name}, another person than this row’s: leave the code column out of the import so that Comptoir gives new codes, or correct the value.',
  },
  import_card_other_person: {
    fr: 'La carte de fidélité « {value} » est déjà celle de {name}, une autre personne que celle de cette ligne : corrigez la valeur, ou retirez la colonne de la carte de l’import.',
    en: 'Loyalty card “{value}” already belongs to {name}, another person than this row’s: correct the value, or leave the card column out of the import.',
  },
  import_tax_number_other_person: {
    fr: 'Le numéro de TVA « {value} » est déjà celui de {name}, une autre personne que celle de cette ligne : corrigez la valeur, ou retirez la colonne du numéro de TVA de l’import.',
    en: 'Tax number “{value}” already belongs to {name}, another person than this row’s: correct the value, or leave the tax number column out of the import.',
  },
  import_same_contact: {
    fr: 'Cette ligne et la ligne {line} correspondent au même contact existant (par {key}) : donnez à chacune son code contact, ou gardez une seule des deux lignes.',
    en: 'This row and line {line} match the same existing contact (by {key}): give each row its contact code, or keep one of the two rows.',
  },
  import_required: {
    fr: '{field} est obligatoire.',
    en: '{field} is required.',
  },
  import_row: {
    fr: 'Ligne {line} : {message}',
    en: 'Line {line}: {message}',
  },
  import_row_column: {
    fr: 'Ligne {line}, colonne « {column} » : {message}',
    en: 'Line {line}, column “{column}”: {message}',
  },

  duplicate_price_group: {
    fr: 'Le groupe de prix « {value} » est indiqué deux fois : gardez un seul prix par groupe.',
    en: 'Price group “{value}” is given twice: keep one price per group.',
  },
  invalid_group_percent: {
    fr: '« {value} » n’est pas un pourcentage valide : de -999,99 à 100, avec au plus 2 décimales (par exemple 10 ou -5,5).',
    en: '“{value}” is not a valid percentage: -999.99 to 100, with at most 2 decimals (for example 10 or -5.5).',
  },
  loyalty_disabled: {
    fr: 'Les points de fidélité sont désactivés : activez-les dans les réglages de fidélité.',
    en: 'Loyalty points are switched off: switch them on in the loyalty settings.',
  },
  loyalty_sales_only: {
    fr: 'Seule une vente peut utiliser des points de fidélité.',
    en: 'Only a sale can redeem loyalty points.',
  },
  loyalty_walk_in: {
    fr: 'Une vente sans client ne peut pas utiliser de points : choisissez d’abord le client.',
    en: 'A walk-in sale cannot redeem points: choose the customer first.',
  },
  loyalty_min_order_to_redeem: {
    fr: 'Les points s’utilisent à partir de {min} d’achat ; cette vente fait {total}.',
    en: 'Points can be redeemed on sales of {min} or more; this sale is {total}.',
  },
  loyalty_min_points_to_redeem: {
    fr: 'Il faut au moins {min} points pour en utiliser ; le client en a {balance}.',
    en: 'The customer needs at least {min} points before redeeming any; they have {balance}.',
  },
  loyalty_max_points_per_order: {
    fr: 'Au plus {max} points par vente ; {points} demandés.',
    en: 'At most {max} points per sale; {points} asked for.',
  },
  loyalty_exceeds_balance: {
    fr: '{points} points demandés, mais le client n’en a que {balance} utilisables.',
    en: '{points} points asked for, but the customer has only {balance} usable.',
  },
  loyalty_exceeds_total: {
    fr: 'Ces points valent {amount}, plus que le total de la vente ({total}) : utilisez-en moins.',
    en: 'These points are worth {amount}, more than the sale total ({total}): redeem fewer.',
  },
  loyalty_line_not_returnable: {
    fr: 'La ligne des points utilisés ne se retourne pas seule : retournez les articles, leur part de points est rendue avec eux.',
    en: 'The redeemed points line cannot be returned on its own: return the goods, and their share of the points comes back with them.',
  },
  range_end_before_start: {
    fr: 'La fin de période {value} est avant son début {from} : choisissez une fin le {from} ou après, ou échangez les deux dates.',
    en: 'The end of the range, {value}, is before its start, {from}: choose an end on {from} or later, or swap the two dates.',
    query: {
      fr: '{parameter} : la fin de période {value} est avant son début {from}. Choisissez une fin le {from} ou après, ou échangez les deux dates.',
      en: '{parameter}: the end of the range, {value}, is before its start, {from}. Choose an end on {from} or later, or swap the two dates.',
    },
  },
  loyalty_redemption_line: {
    fr: '{name} utilisés : {points}',
    en: '{name} redeemed: {points}',
  },
  report_sheet_sales_by_group: { fr: 'Ventes par groupe', en: 'Sales by group' },
  report_column_group: { fr: 'Groupe de clients', en: 'Customer group' },
  report_column_sales: { fr: 'Ventes', en: 'Sales' },
  report_column_salesTotal: { fr: 'Total des ventes', en: 'Sales total' },
  report_column_groupDiscount: { fr: 'Remise de groupe', en: 'Group discount' },
  report_column_returns: { fr: 'Retours', en: 'Returns' },
  report_column_returnsTotal: { fr: 'Total des retours', en: 'Returns total' },
  report_column_netTotal: { fr: 'Net', en: 'Net' },
  report_no_group: { fr: 'Sans groupe (et ventes sans client)', en: 'No group (and walk-in sales)' },
  report_total: { fr: 'Total', en: 'Total' },

  // Sales import
  import_sales_format: {
    fr: 'Un import de ventes lit les fichiers CSV, TSV, XLSX, XLS ou ODS, pas les vCard : envoyez un tableau avec une ligne par ligne de vente.',
    en: 'A sales import reads CSV, TSV, XLSX, XLS or ODS files, not vCards: send a table with one row per sale line.',
  },
  import_sales_header_missing: {
    fr: 'Le fichier n’a pas de ligne d’en-tête : ajoutez-en une (Référence de la vente, Date, Client, Référence produit, Quantité…) ou partez du modèle.',
    en: 'The file has no header row: add one (Sale reference, Date, Customer, SKU, Quantity…) or start from the template.',
  },
  import_undo_sales_blocked: {
    fr: 'Impossible de défaire cet import : {count} de ses ventes ont depuis un règlement, un retour ou des points dépensés ({sales}). Rien n’a été défait : traitez ces ventes une par une.',
    en: 'This import cannot be undone: {count} of its sales have had a payment, a return or points spent since ({sales}). Nothing was undone: handle those sales one by one.',
  },
  import_undo_void_reason: {
    fr: 'Import défait ({file})',
    en: 'Import undone ({file})',
  },
  import_sale_reference_missing: {
    fr: 'La référence de la vente est vide : indiquez-la sur chaque ligne, les lignes d’une même vente partagent la même référence.',
    en: 'The sale reference is empty: give it on every row, since the rows of one sale share its reference.',
  },
  import_sale_value_differs: {
    fr: 'La vente « {reference} » a déjà « {first} » à la ligne {line} : ses lignes doivent donner la même valeur ou laisser la case vide.',
    en: 'Sale “{reference}” already has “{first}” on line {line}: its rows must give the same value or leave the cell empty.',
  },
  import_sale_not_imported: {
    // {count} is the number of rows listed in {lines}.
    fr: 'La vente « {reference} » n’est pas importée à cause {count:de l’erreur en ligne|des erreurs en lignes} {lines}.',
    en: 'Sale “{reference}” is not imported because of the {count:error on line|errors on lines} {lines}.',
  },
  import_sale_date_missing: {
    fr: 'La date de la vente est vide : indiquez-la sur au moins une de ses lignes.',
    en: 'The sale date is empty: give it on at least one of its rows.',
  },
  import_sale_reference_used: {
    fr: 'La référence « {value} » est déjà celle de la vente {number} : cette vente a déjà été importée ou saisie. Retirez-la du fichier ou changez sa référence.',
    en: 'Reference “{value}” already belongs to sale {number}: this sale was already imported or entered. Remove it from the file or change its reference.',
  },
  import_customer_not_found: {
    fr: 'Aucun client n’a « {value} » pour code, carte de fidélité, e-mail ou mobile : créez-le d’abord ou corrigez la valeur.',
    en: 'No customer has “{value}” as code, loyalty card, email or mobile: create the customer first or correct the value.',
  },
  import_customer_ambiguous: {
    fr: '« {value} » désigne plusieurs contacts ({codes}) : indiquez le code du client.',
    en: '“{value}” matches several contacts ({codes}): give the customer’s code.',
  },
  import_location_not_found: {
    fr: 'Aucun magasin actif ne s’appelle « {value} ».',
    en: 'No active location is called “{value}”.',
  },
  import_sale_walk_in_final: {
    fr: 'Une vente validée sans client est réglée en totalité : indiquez son mode de paiement, ou le client, ou le statut « en attente » pour la régler plus tard.',
    en: 'A final sale without a customer is paid in full: give its payment method, or the customer, or the status “parked” to take the payment later.',
  },
  import_sale_payment_method_missing: {
    fr: 'Un montant payé sans mode de paiement : indiquez le mode (espèces, carte, chèque, virement…) dans la colonne « Mode de paiement ».',
    en: 'An amount paid without a payment method: give the method (cash, card, cheque, bank transfer…) in the “Payment method” column.',
  },
  import_product_not_found: {
    fr: 'Aucun produit n’a la référence « {value} » : créez-le dans le catalogue, ou laissez la case vide et donnez une désignation et un prix.',
    en: 'No product has the SKU “{value}”: create it in the catalogue, or leave the cell empty and give a description and a price.',
  },
  import_sale_line_product_missing: {
    fr: 'La ligne n’a ni référence produit ni désignation : indiquez l’une ou l’autre.',
    en: 'The row has neither a SKU nor a description: give one of them.',
  },
  import_sale_line_price_missing: {
    fr: 'Une ligne sans produit du catalogue a besoin d’un prix unitaire.',
    en: 'A line without a catalogue product needs a unit price.',
  },
  import_sale_two_prices: {
    fr: 'La ligne donne un prix HT et un prix TTC : gardez-en un seul.',
    en: 'The row gives a price excluding tax and one including tax: keep only one.',
  },
  import_sale_too_many_lines: {
    fr: 'Une vente a au plus {max} lignes : découpez-la en plusieurs ventes.',
    en: 'A sale has at most {max} lines: split it into several sales.',
  },
  import_sale_points_invalid: {
    fr: '« {value} » n’est pas un nombre de points : un nombre entier, zéro ou plus.',
    en: '“{value}” is not a number of points: a whole number, zero or more.',
  },
  import_sale_group_price: {
    fr: 'Le prix indiqué est remplacé par celui du groupe du client : {price} HT au lieu du prix catalogue {listPrice} HT, comme pour une vente saisie.',
    en: 'The given price is replaced by the customer group’s price: {price} excl. tax instead of the catalogue price {listPrice}, as for a sale entered by hand.',
  },
  import_sale_group_price_with_tax: {
    fr: 'Le prix indiqué est remplacé par celui du groupe du client : {price} TTC au lieu du prix catalogue {listPrice} TTC, comme pour une vente saisie.',
    en: 'The given price is replaced by the customer group’s price: {price} incl. tax instead of the catalogue price {listPrice}, as for a sale entered by hand.',
  },
  import_sale_credit_warning: {
    fr: 'Vente enregistrée au-delà de la limite de crédit du client (limite {limit}, encours {exposure}, vente {amount}), car votre commerce avertit sans bloquer.',
    en: 'Sale saved beyond the customer’s credit limit (limit {limit}, exposure {exposure}, sale {amount}), because your business warns without blocking.',
  },
  import_sales_summary_preview: {
    fr: 'Aperçu : {rows:# ligne|# lignes}, {valid:# valide|# valides}, {invalid} en erreur ; {created:# vente|# ventes} à créer.',
    en: 'Preview: {rows:# row|# rows}, {valid} valid, {invalid} with errors; {created:# sale|# sales} to create.',
  },
  import_sales_summary_committed: {
    fr: 'Import terminé : {created:# vente créée|# ventes créées} à partir de {valid:# ligne|# lignes}, {invalid:# ligne en erreur non importée|# lignes en erreur non importées}.',
    en: 'Import finished: {created:# sale|# sales} created from {valid:# row|# rows}, {invalid:# row|# rows} with errors not imported.',
  },
  import_sales_summary_failed: {
    fr: 'Import refusé : {invalid:# ligne en erreur, aucune vente n’a été enregistrée. Corrigez-la|# lignes en erreur, aucune vente n’a été enregistrée. Corrigez-les} ou choisissez d’ignorer les ventes invalides.',
    en: 'Import rejected: {invalid:# row with errors, no sale was saved. Correct it|# rows with errors, no sale was saved. Correct them} or choose to skip invalid sales.',
  },
  import_sales_summary_undone: {
    fr: 'Import défait : {voided:# vente annulée|# ventes annulées} par une contrepassation.',
    en: 'Import undone: {voided:# sale|# sales} voided by a reversal.',
  },
  import_sales_summary_empty: {
    fr: 'Le fichier ne contient aucune ligne de vente à importer.',
    en: 'The file holds no sale row to import.',
  },
  field_needs_permission: {
    fr: 'Ce champ demande la permission « {permission} ».',
    en: 'This field needs the “{permission}” permission.',
  },
  deactivated_with_balance: {
    fr: 'Le compte de {name} n’est pas soldé ({balance}) : le contact reste inactif, mais ce solde est toujours à régler.',
    en: 'The account of {name} is not settled ({balance}): the contact is now inactive, but this balance is still to be settled.',
  },

  // Import results
  import_summary_preview: {
    fr: 'Aperçu : {rows:# ligne|# lignes}, {valid:# valide|# valides}, {invalid} en erreur ; {created} à créer, {updated} à mettre à jour, {skipped:# déjà existante|# déjà existantes}.',
    en: 'Preview: {rows:# row|# rows}, {valid} valid, {invalid} with errors; {created} to create, {updated} to update, {skipped} already existing.',
  },
  import_summary_committed: {
    fr: 'Import terminé : {created:# contact créé|# contacts créés}, {updated} mis à jour, {skipped:# déjà existant|# déjà existants}, {invalid:# ligne en erreur non importée|# lignes en erreur non importées}.',
    en: 'Import finished: {created:# contact|# contacts} created, {updated} updated, {skipped} already existing, {invalid:# row|# rows} with errors not imported.',
  },
  import_summary_failed: {
    fr: 'Import refusé : {invalid:# ligne en erreur, rien n’a été enregistré. Corrigez-la|# lignes en erreur, rien n’a été enregistré. Corrigez-les} ou choisissez d’ignorer les lignes invalides.',
    en: 'Import rejected: {invalid:# row with errors, nothing was saved. Correct it|# rows with errors, nothing was saved. Correct them} or choose to skip invalid rows.',
  },
  import_summary_cancelled: {
    fr: 'Import annulé : rien n’a été enregistré.',
    en: 'Import cancelled: nothing was saved.',
  },
  import_summary_undone: {
    fr: 'Import défait : {deleted:# contact supprimé|# contacts supprimés}, {restored:# contact remis dans son état d’avant|# contacts remis dans leur état d’avant}.',
    en: 'Import undone: {deleted:# contact|# contacts} deleted, {restored:# contact|# contacts} restored to their previous state.',
  },
  import_summary_partly_undone: {
    fr: 'Import défait en partie : {deleted:# contact supprimé|# contacts supprimés}, {restored:# remis dans son état d’avant|# remis dans leur état d’avant} ; {kept:# contact gardé, car il a|# contacts gardés, car ils ont} depuis des opérations ou des modifications.',
    en: 'Import partly undone: {deleted:# contact|# contacts} deleted, {restored} restored to their previous state; {kept:# contact kept, because it has|# contacts kept, because they have} had transactions or changes since.',
  },
  import_summary_interrupted: {
    fr: 'Import interrompu : le serveur qui l’exécutait s’est arrêté avant la fin (redémarrage ou panne). Rien n’a été enregistré : relancez l’import.',
    en: 'Import interrupted: the server running it stopped before the end (a restart or a crash). Nothing was saved: start the import again.',
  },
  import_summary_preview_interrupted: {
    fr: 'Aperçu interrompu : le serveur qui le préparait s’est arrêté avant la fin. Rien n’a été enregistré : envoyez à nouveau le fichier.',
    en: 'Preview interrupted: the server preparing it stopped before the end. Nothing was saved: send the file again.',
  },
  import_summary_empty: {
    fr: 'Le fichier ne contient aucune ligne de contact à importer.',
    en: 'The file holds no contact row to import.',
  },
  import_summary_error: {
    fr: 'L’import a échoué sur une erreur interne : rien n’a été enregistré.',
    en: 'The import failed on an internal error: nothing was saved.',
  },

  // Input bounds: numbers, amounts, dates and text checked on every route
  number_too_large: {
    fr: '« {value} » est trop grand : {max} au maximum.',
    en: '“{value}” is too large: at most {max}.',
    query: {
      fr: '{parameter} : « {value} » est trop grand, {max} au maximum.',
      en: '{parameter}: “{value}” is too large, at most {max}.',
    },
  },
  number_not_integer: {
    fr: '« {value} » n’est pas un nombre entier : indiquez un nombre entier de {min} à {max}, ou retirez {path} pour obtenir {default}.',
    en: '“{value}” is not a whole number: give a whole number from {min} to {max}, or leave {path} out to get {default}.',
    query: {
      fr: '{parameter} : « {value} » n’est pas un nombre entier. Indiquez un nombre entier de {min} à {max}, ou retirez {parameter} pour obtenir {default}.',
      en: '{parameter}: “{value}” is not a whole number. Give a whole number from {min} to {max}, or leave {parameter} out to get {default}.',
    },
  },
  number_empty: {
    fr: '{path} est vide : indiquez un nombre entier de {min} à {max}, ou retirez {path} pour obtenir {default}.',
    en: '{path} is empty: give a whole number from {min} to {max}, or leave {path} out to get {default}.',
  },
  number_too_small: {
    fr: '« {value} » est trop petit : {min} au minimum.',
    en: '“{value}” is too small: at least {min}.',
    query: {
      fr: '{parameter} : « {value} » est trop petit, {min} au minimum.',
      en: '{parameter}: “{value}” is too small, at least {min}.',
    },
  },
  too_few_items: {
    fr: 'Pas assez d’éléments : {min} au minimum.',
    en: 'Too few items: at least {min}.',
  },
  amount_too_large: {
    fr: 'Le montant « {value} » est trop grand : {max} au maximum.',
    en: 'The amount “{value}” is too large: at most {max}.',
  },
  total_too_large: {
    fr: 'Le total du document ({total}) dépasse le maximum accepté ({max}) : répartissez les lignes sur plusieurs documents ou corrigez les quantités et les prix.',
    en: 'The document total ({total}) exceeds the accepted maximum ({max}): split the lines over several documents or correct the quantities and prices.',
  },
  date_out_of_range: {
    fr: 'La date « {value} » est hors de la plage acceptée : du {min} au {max}.',
    en: 'The date “{value}” is outside the accepted range: from {min} to {max}.',
  },
  date_too_far_ahead: {
    fr: 'La date « {value} » est trop loin dans le futur : au plus {days} jours après aujourd’hui, soit le {max}.',
    en: 'The date “{value}” is too far in the future: at most {days} days after today, that is {max}.',
  },
  text_control_character: {
    fr: 'Le texte contient un caractère de contrôle invisible ({character}) : retirez-le.',
    en: 'The text contains an invisible control character ({character}): remove it.',
    query: {
      fr: '{parameter} : « {value} » contient un caractère de contrôle invisible ({character}), montré ici par �. Retirez-le.',
      en: '{parameter}: “{value}” contains an invisible control character ({character}), shown here as �. Remove it.',
    },
  },
  text_bidi_control: {
    fr: 'Le texte contient un caractère qui inverse le sens d’écriture ({character}) : retirez-le.',
    en: 'The text contains a character that reverses the writing direction ({character}): remove it.',
    query: {
      fr: '{parameter} : « {value} » contient un caractère qui inverse le sens d’écriture ({character}), montré ici par �. Retirez-le.',
      en: '{parameter}: “{value}” contains a character that reverses the writing direction ({character}), shown here as �. Remove it.',
    },
  },
  text_lone_surrogate: {
    fr: 'Le texte contient un caractère Unicode incomplet (demi-paire de substitution) : retapez-le.',
    en: 'The text contains an incomplete Unicode character (a lone surrogate): type it again.',
    query: {
      fr: '{parameter} : « {value} » contient un caractère Unicode incomplet (demi-paire de substitution), montré ici par �. Retapez-le.',
      en: '{parameter}: “{value}” contains an incomplete Unicode character (a lone surrogate), shown here as �. Type it again.',
    },
  },
  allocation_target_required: {
    fr: 'Indiquez le document à solder : documentId (ou itemId pour une écriture ouverte).',
    en: 'Give the document to settle: documentId (or itemId for an open entry).',
  },
  route_not_found: {
    fr: 'Aucune page ni route d’API à l’adresse « {path} » : vérifiez l’adresse.',
    en: 'No page or API route at “{path}”: check the address.',
  },
  too_many_files: {
    fr: 'Un seul fichier par envoi : envoyez les autres séparément.',
    en: 'One file per upload: send the others separately.',
  },
  cli_failed: {
    fr: 'Échec de la commande : {message}',
    en: 'The command failed: {message}',
  },
  cli_database_not_migrated: {
    fr: 'La base de données n’a pas les tables de Comptoir : vérifiez DATABASE_URL, ou créez-les avec comptoir migrate.',
    en: 'The database has no Comptoir tables: check DATABASE_URL, or create them with comptoir migrate.',
  },
  cli_integer_option: {
    fr: 'L’option {option} doit être un nombre entier de {min} à {max} ; « {value} » ne convient pas.',
    en: 'The {option} option must be a whole number from {min} to {max}; “{value}” is not.',
  },
  cli_date_option: {
    fr: 'L’option {option} doit être une date AAAA-MM-JJ ; « {value} » ne convient pas.',
    en: 'The {option} option must be a date written YYYY-MM-DD; “{value}” is not.',
  },
  cli_demo_exists: {
    fr: 'La démonstration est déjà chargée dans cette base ({email} existe) : utilisez une autre base (DATABASE_URL) ou une autre adresse (--email).',
    en: 'The demo is already loaded in this database ({email} exists): use another database (DATABASE_URL) or another address (--email).',
  },
  cli_option_required: {
    fr: 'L’option {option} manque : ajoutez-la (voir {command} --help).',
    en: 'The {option} option is missing: add it (see {command} --help).',
  },
  cli_option_value_missing: {
    fr: 'L’option {option} attend une valeur : écrivez-la après l’option (voir {command} --help).',
    en: 'The {option} option needs a value: write it after the option (see {command} --help).',
  },
  cli_unknown_option: {
    fr: 'Option inconnue « {option} » pour {command} : {command} --help liste les options.',
    en: 'Unknown option “{option}” for {command}: {command} --help lists the options.',
  },
  cli_argument_missing: {
    fr: 'Il manque l’argument {argument} de {command} (voir {command} --help).',
    en: 'The {argument} argument of {command} is missing (see {command} --help).',
  },
  cli_too_many_arguments: {
    fr: 'Trop d’arguments pour {command} : {expected:# attendu|# attendus}, {received:# donné|# donnés} (voir {command} --help).',
    en: 'Too many arguments for {command}: {expected} expected, {received} given (see {command} --help).',
  },
  cli_unknown_command: {
    fr: 'Commande inconnue « {name} » : {command} --help liste les commandes.',
    en: 'Unknown command “{name}”: {command} --help lists the commands.',
  },
  cli_text_option: {
    fr: 'L’option {option} attend un texte de 1 à {max} caractères ; « {value} » ne convient pas.',
    en: 'The {option} option takes a text of 1 to {max} characters; “{value}” is not one.',
  },
  cli_choice_option: {
    fr: 'L’option {option} accepte {allowed} ; « {value} » ne convient pas.',
    en: 'The {option} option takes {allowed}; “{value}” is not one of them.',
  },
  cli_list_option: {
    fr: 'L’option {option} ne connaît pas {values} : les valeurs possibles sont {allowed}.',
    en: 'The {option} option has unknown values {values}: the allowed values are {allowed}.',
  },
  cli_user_not_found: {
    fr: 'Aucun utilisateur n’a l’adresse e-mail « {email} » : vérifiez l’adresse, ou créez d’abord l’utilisateur.',
    en: 'No user has the email address “{email}”: check the address, or create the user first.',
  },
  cli_user_inactive: {
    fr: 'Le compte « {email} » est désactivé : réactivez-le avant de créer un jeton.',
    en: 'The account “{email}” is deactivated: reactivate it before creating a token.',
  },
  cli_no_active_user: {
    fr: 'Aucun utilisateur actif n’a l’adresse e-mail « {email} » (option --as) : vérifiez l’adresse.',
    en: 'No active user has the email address “{email}” (--as option): check the address.',
  },
  cli_business_not_found: {
    fr: 'Aucune entreprise n’a l’identifiant « {id} » (option --business) : vérifiez l’identifiant.',
    en: 'No business has the id “{id}” (--business option): check the id.',
  },
  cli_no_business: {
    fr: 'La base ne contient encore aucune entreprise : démarrez une fois le serveur ou lancez comptoir demo.',
    en: 'The database has no business yet: start the server once or run comptoir demo.',
  },
  cli_several_businesses: {
    fr: 'La base contient plusieurs entreprises : choisissez-en une avec --business <id> ou --as <adresse>.',
    en: 'The database has several businesses: choose one with --business <id> or --as <email>.',
  },
  cli_file_not_found: {
    fr: 'Fichier introuvable : « {file} ». Vérifiez le chemin.',
    en: 'File not found: “{file}”. Check the path.',
  },
  cli_import_row_error: {
    fr: '  erreur : {message}',
    en: '  error: {message}',
  },
  cli_import_row_warning: {
    fr: '  avertissement : {message}',
    en: '  warning: {message}',
  },
  cli_import_truncated: {
    fr: '  (il y a plus d’erreurs et d’avertissements que ceux gardés)',
    en: '  (more errors and warnings than were kept)',
  },
  cli_import_separator: {
    fr: 'séparateur {separator}',
    en: 'separator {separator}',
  },
  cli_import_list_empty: {
    fr: 'Aucun import pour l’instant.',
    en: 'No import yet.',
  },
  cli_import_not_found: {
    fr: 'Aucun import n’a l’identifiant « {id} » : lancez comptoir import list pour voir les imports et leur identifiant.',
    en: 'No import has the id “{id}”: run comptoir import list to see the imports and their ids.',
  },
  cli_import_kept: {
    fr: '  gardé : {contact}, qui {reason}',
    en: '  kept: {contact}, which {reason}',
  },
  cli_import_kept_more: {
    fr: '  … et {count:# autre|# autres}',
    en: '  … and {count} more',
  },
  cli_import_undo_hint: {
    fr: 'Relancez la commande avec --keep-changed pour défaire les autres contacts et garder ceux-là.',
    en: 'Run the command again with --keep-changed to undo the other contacts and keep those.',
  },
  import_status_previewed: { fr: 'vérifié, non importé', en: 'checked, not imported' },
  import_status_running: { fr: 'en cours', en: 'running' },
  import_status_committed: { fr: 'importé', en: 'imported' },
  import_status_failed: { fr: 'refusé', en: 'rejected' },
  import_status_cancelled: { fr: 'annulé', en: 'cancelled' },
  import_status_interrupted: { fr: 'interrompu', en: 'interrupted' },
  import_status_undone: { fr: 'défait', en: 'undone' },
  import_status_partly_undone: { fr: 'défait en partie', en: 'partly undone' },
  import_status_error: { fr: 'échoué', en: 'failed' },
  import_kind_contacts: { fr: 'contacts', en: 'contacts' },
  import_kind_sales: { fr: 'ventes', en: 'sales' },
  restore_target_not_empty: {
    fr: 'La base de destination contient déjà des données : restaurez dans une base vide (DATABASE_URL).',
    en: 'The target database already holds data: restore into an empty database (DATABASE_URL).',
  },
  restore_file_not_found: {
    fr: 'Fichier de sauvegarde introuvable ou illisible : {file}. Vérifiez le chemin.',
    en: 'Backup file not found or unreadable: {file}. Check the path.',
  },
  restore_not_a_backup: {
    fr: '{file} n’est pas une sauvegarde de Comptoir : donnez un fichier écrit par « comptoir backup ».',
    en: '{file} is not a Comptoir backup: give a file written by “comptoir backup”.',
  },
  restore_newer_backup: {
    fr: 'Cette sauvegarde vient d’une version plus récente de Comptoir (migrations {migrations}) : mettez Comptoir à jour, puis restaurez.',
    en: 'This backup comes from a newer version of Comptoir (migrations {migrations}): upgrade Comptoir, then restore.',
  },
  cli_backup_written: {
    fr: 'Sauvegarde écrite dans {file} : {tables} tables, {rows} lignes.',
    en: 'Backup written to {file}: {tables} tables, {rows} rows.',
  },
  cli_restored: {
    fr: '{file} restauré : {tables} tables, {rows} lignes.',
    en: 'Restored {file}: {tables} tables, {rows} rows.',
  },
  cli_export_written: {
    fr: '{file} écrit',
    en: 'wrote {file}',
  },
};

/**
 * Names that are filled into messages (the entity of a 404, the type a field
 * expects, the state of a document), translated on their own so that every
 * message reads in one language. Import states are the `import_status_*`
 * messages.
 */
export const terms: Record<string, Wording> = {
  'entity.attachment': { fr: 'pièce jointe', en: 'attachment' },
  'entity.business': { fr: 'entreprise', en: 'business' },
  'entity.contact': { fr: 'contact', en: 'contact' },
  'entity.contact view': { fr: 'vue de contacts', en: 'contact view' },
  'entity.customer group': { fr: 'groupe de clients', en: 'customer group' },
  'entity.document': { fr: 'document', en: 'document' },
  'entity.import': { fr: 'import', en: 'import' },
  'entity.location': { fr: 'magasin', en: 'location' },
  'entity.loyalty card': { fr: 'carte de fidélité', en: 'loyalty card' },
  'entity.message': { fr: 'message', en: 'message' },
  'entity.message template': { fr: 'modèle de message', en: 'message template' },
  'entity.note': { fr: 'note', en: 'note' },
  'entity.open item': { fr: 'écriture ouverte', en: 'open item' },
  'entity.payment': { fr: 'règlement', en: 'payment' },
  'entity.payment method': { fr: 'mode de règlement', en: 'payment method' },
  'entity.price group': { fr: 'groupe de prix', en: 'price group' },
  'entity.product': { fr: 'produit', en: 'product' },
  'entity.reminder level': { fr: 'niveau de relance', en: 'reminder level' },
  'entity.role': { fr: 'rôle', en: 'role' },
  'entity.token': { fr: 'jeton d’API', en: 'API token' },
  'entity.user': { fr: 'utilisateur', en: 'user' },
  'entity.webhook': { fr: 'webhook', en: 'webhook' },
  'type.string': { fr: 'un texte', en: 'text' },
  'type.number': { fr: 'un nombre', en: 'a number' },
  'type.int': { fr: 'un nombre entier', en: 'a whole number' },
  'type.boolean': { fr: 'true ou false', en: 'true or false' },
  'type.object': { fr: 'un objet JSON', en: 'a JSON object' },
  'type.array': { fr: 'une liste', en: 'a list' },
  'type.record': { fr: 'un objet JSON', en: 'a JSON object' },
  'type.tuple': { fr: 'une liste', en: 'a list' },
  'type.date': { fr: 'une date', en: 'a date' },
  'type.bigint': { fr: 'un nombre entier', en: 'a whole number' },
  'type.null': { fr: 'null', en: 'null' },
  'status.parked': { fr: 'en attente', en: 'parked' },
  'status.final': { fr: 'validé', en: 'final' },
  'status.void': { fr: 'annulé', en: 'void' },
  'permission.customer.view': { fr: 'Voir tous les clients', en: 'See all customers' },
  'permission.customer.view_own': { fr: 'Voir ses propres clients seulement', en: 'See own customers only' },
  'permission.customer.create': { fr: 'Créer des clients', en: 'Create customers' },
  'permission.customer.update': { fr: 'Modifier les clients', en: 'Edit customers' },
  'permission.customer.delete': { fr: 'Supprimer les clients', en: 'Delete customers' },
  'permission.contact.merge': { fr: 'Fusionner les doublons', en: 'Merge duplicate contacts' },
  'permission.supplier.view': { fr: 'Voir tous les fournisseurs', en: 'See all suppliers' },
  'permission.supplier.view_own': { fr: 'Voir ses propres fournisseurs seulement', en: 'See own suppliers only' },
  'permission.supplier.create': { fr: 'Créer des fournisseurs', en: 'Create suppliers' },
  'permission.supplier.update': { fr: 'Modifier les fournisseurs', en: 'Edit suppliers' },
  'permission.supplier.delete': { fr: 'Supprimer les fournisseurs', en: 'Delete suppliers' },
  'permission.settings.manage': { fr: 'Gérer les paramètres de l’entreprise', en: 'Manage the business settings' },
  'permission.users.manage': { fr: 'Gérer les utilisateurs et les rôles', en: 'Manage users and roles' },
  'permission.sale.create': { fr: 'Enregistrer des ventes', en: 'Record sales' },
  'permission.purchase.create': { fr: 'Enregistrer des achats', en: 'Record purchases' },
  'permission.payment.create': { fr: 'Enregistrer des paiements', en: 'Record payments' },
  'permission.payment.reverse': { fr: 'Annuler des paiements', en: 'Reverse payments' },
  'permission.ledger.view': { fr: 'Consulter le grand livre', en: 'See the ledger' },
  'permission.ledger.discount': { fr: 'Accorder des remises sur le solde', en: 'Give discounts on the balance' },
  'permission.credit_limit.override': { fr: 'Passer outre la limite de crédit', en: 'Override the credit limit' },
  'permission.message.send': { fr: 'Envoyer des messages', en: 'Send messages' },
  'permission.message.templates': { fr: 'Modifier les modèles de messages', en: 'Edit message templates' },
  'permission.message.settings': { fr: 'Régler l’envoi des messages', en: 'Configure message sending' },
  'permission.product.manage': { fr: 'Gérer les produits', en: 'Manage products' },
  'permission.pricing.manage': { fr: 'Gérer les groupes de prix et de clients', en: 'Manage price and customer groups' },
  'permission.loyalty.adjust': { fr: 'Ajuster les points de fidélité', en: 'Adjust loyalty points' },
  'permission.loyalty.settings': { fr: 'Paramétrer le programme de fidélité', en: 'Configure the loyalty programme' },
  // The part of a request that `bad_request` names, with what to send instead.
  'malformed.json_empty': {
    fr: 'son corps est vide alors que son en-tête Content-Type annonce du JSON. Envoyez un corps JSON, ou retirez cet en-tête',
    en: 'its body is empty but its Content-Type header says JSON. Send a JSON body, or leave out that header',
  },
  'malformed.json_invalid': {
    fr: 'son corps n’est pas du JSON valide. Vérifiez sa syntaxe',
    en: 'its body is not valid JSON. Check its syntax',
  },
  'malformed.cursor': {
    fr: 'son paramètre cursor, « {value} », n’est pas un curseur de page valide. Repartez de la première page, sans cursor',
    en: 'its cursor parameter, “{value}”, is not a valid page cursor. Start again from the first page, without cursor',
  },
  'malformed.url': {
    fr: 'son adresse, « {value} », contient un encodage en % invalide. Encodez chaque caractère spécial de l’adresse en UTF-8 (%C3%A9 pour é)',
    en: 'its address, “{value}”, contains an invalid % encoding. Encode each special character of the address in UTF-8 (%C3%A9 for é)',
  },
  'malformed.url_segment': {
    fr: 'son adresse, « {value} », a un segment de plus de 100 caractères entre deux /. Vérifiez l’adresse',
    en: 'its address, “{value}”, has a segment of more than 100 characters between two slashes. Check the address',
  },
  'malformed.If-Match': {
    fr: 'son en-tête If-Match est invalide. Envoyez l’ETag lu avec le contact, par exemple "3", ou *',
    en: 'its If-Match header is invalid. Send the ETag read with the contact, for example "3", or *',
  },
  'malformed.Idempotency-Key': {
    fr: 'son en-tête Idempotency-Key est invalide. Envoyez de 1 à 200 caractères ASCII visibles, sans espace',
    en: 'its Idempotency-Key header is invalid. Send 1 to 200 visible ASCII characters, without spaces',
  },
};

/** Translates a term of `terms` (`entity.user`), or returns the name itself when it is not listed. */
export function translateTerm(kind: 'entity' | 'type' | 'status' | 'permission' | 'malformed', name: string, locale: Locale): string {
  return terms[`${kind}.${name}`]?.[locale] ?? name;
}

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
  let template = code;
  if (wording) {
    const named = params.name !== undefined && params.name !== null;
    const inQuery = params.parameter !== undefined && params.parameter !== null;
    if (inQuery && wording.query) template = wording.query[locale];
    else template = !named && wording.unnamed ? wording.unnamed[locale] : wording[locale];
  }
  return fillTemplate(template, code, locale, params);
}

/** Fills the placeholders of a message template, and of the `bad_request` reason term it names. */
function fillTemplate(template: string, code: string, locale: Locale, params: MessageParams): string {
  const filled = template.replace(/\{(\w+)(?::([^{}]*))?\}/g, (_, key: string, forms: string | undefined) => {
    const value = params[key];
    let text = value === undefined || value === null ? '' : String(value);
    // A permission is named as the roles screen shows it, not by its code.
    if (key === 'permission') text = translateTerm('permission', text, locale);
    if (key === 'reason' && code === 'bad_request') text = fillTemplate(translateTerm('malformed', text, locale), 'malformed', locale, params);
    if (locale === 'fr' && elidedKeys.has(key)) text = ELISION_MARK + text;
    if (forms === 'money') return moneyText(text, params.currency, locale);
    return forms === undefined ? text : pluralForm(forms, value, locale).replaceAll('#', text);
  });
  return locale === 'fr' ? elide(filled) : filled;
}

/** Formats a decimal amount in `currency` for `locale`, or returns it with the currency code when either cannot be read. */
function moneyText(decimal: string, currency: MessageParams[string], locale: Locale): string {
  if (typeof currency !== 'string' || currency === '') return decimal;
  const minor = parseDecimal(decimal, currency);
  return minor === null ? `${decimal} ${currency}` : formatMoney(minor, currency, locale);
}

/** Placeholders whose value is a name or a noun that French writes `d’` before when it starts with a vowel. */
const elidedKeys = new Set(['name', 'field']);
const ELISION_MARK = '\u0000';

/**
 * Writes `d’Éloïse` and `qu’Anne` where a template has `de {name}` or
 * `que {name}` and the name starts with a vowel, and drops the marks that
 * `translate` put before such values.
 */
function elide(text: string): string {
  return text
    .replace(/\b(de|que) \u0000(?=[aeiouyàâäéèêëîïôöùûüÿæœ])/giu, (_, word: string) => `${word.slice(0, -1)}’`)
    .replaceAll(ELISION_MARK, '');
}

const pluralRules = { fr: new Intl.PluralRules('fr'), en: new Intl.PluralRules('en') };

/** Picks `singular` or `plural` from `singular|plural` for a count, by the language's plural rules. */
function pluralForm(forms: string, count: MessageParams[string], locale: Locale): string {
  const [singular = '', plural = singular] = forms.split('|');
  const number = Number(count);
  if (!Number.isFinite(number)) return plural;
  return pluralRules[locale].select(number) === 'one' ? singular : plural;
}
