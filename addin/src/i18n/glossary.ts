import type { Language } from "./language";

/**
 * The words the task pane and the admin page share, one per thing and language, as SuperOffice's own
 * screens and a native speaker say them. Both message files take these terms from here.
 *
 * - `ourContact`: SuperOffice's field for Contact.Associate, the user responsible for a company ("Vår kontakt").
 * - `connector`: the service an administrator runs beside SuperOffice, in its definite form inside a sentence.
 * - `message`: one e-mail. Swedish says "mejl" for the message and keeps "e-post" for the medium
 *   (e-postadress, e-postdomän, the activity type); Norwegian says "e-post" for both.
 * - `overdue`: past the date the customer should have been contacted (never "förfallen"/"forfalt" beside it).
 */
export interface Glossary {
  ourContact: string;
  ourContactNotSet: string;
  connector: string;
  message: string;
  signedInAs: string;
  overdue: string;
}

export const GLOSSARY: Record<Language, Glossary> = {
  en: {
    ourContact: "Our contact",
    ourContactNotSet: "Not set",
    connector: "the connector",
    message: "e-mail",
    signedInAs: "Signed in as",
    overdue: "Overdue",
  },
  sv: {
    ourContact: "Vår kontakt",
    ourContactNotSet: "Inte angiven",
    connector: "connectorn",
    message: "mejl",
    signedInAs: "Inloggad som",
    overdue: "Försenad",
  },
  nb: {
    ourContact: "Vår kontakt",
    ourContactNotSet: "Ikke angitt",
    connector: "connectoren",
    message: "e-post",
    signedInAs: "Logget inn som",
    overdue: "Forsinket",
  },
};

/** The same word at the start of a sentence. */
export function capitalized(word: string): string {
  return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}
