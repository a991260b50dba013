import type { Language } from "../i18n/language";

/** The preview page's own strings (the pane has its own in i18n/messages). */
const en = {
  title: "Kundrytm preview",
  intro: "The task pane as Outlook shows it, on a simulated mailbox of the demo tenant. Click an e-mail: a pinned pane follows the selection.",
  signedInAs: "Signed in as",
  language: "Language",
  paneWidth: "Pane width",
  darkTheme: "Dark theme",
  dropEvents: "Simulate missed ItemChanged events",
  inbox: "Inbox",
  noSelection: "No item selected",
  loadFailed: "The demo mailbox could not be loaded from the connector.",
  meeting: "Meeting",
  retry: "Try again",
};
type PreviewMessages = typeof en;

const sv: PreviewMessages = {
  title: "Kundrytm förhandsvisning",
  intro: "Aktivitetsfönstret som Outlook visar det, på en simulerad brevlåda i demomiljön. Klicka på ett mejl: ett fäst fönster följer markeringen.",
  signedInAs: "Inloggad som",
  language: "Språk",
  paneWidth: "Fönsterbredd",
  darkTheme: "Mörkt tema",
  dropEvents: "Simulera missade ItemChanged-händelser",
  inbox: "Inkorg",
  noSelection: "Inget markerat",
  loadFailed: "Demobrevlådan kunde inte hämtas från connectorn.",
  meeting: "Möte",
  retry: "Försök igen",
};

const nb: PreviewMessages = {
  title: "Kundrytm forhåndsvisning",
  intro: "Oppgaveruten slik Outlook viser den, på en simulert postkasse i demomiljøet. Klikk på en e-post: en festet rute følger markeringen.",
  signedInAs: "Logget inn som",
  language: "Språk",
  paneWidth: "Rutebredde",
  darkTheme: "Mørkt tema",
  dropEvents: "Simuler tapte ItemChanged-hendelser",
  inbox: "Innboks",
  noSelection: "Ingenting valgt",
  loadFailed: "Demopostkassen kunne ikke hentes fra connectoren.",
  meeting: "Møte",
  retry: "Prøv igjen",
};

export const PREVIEW_MESSAGES: Record<Language, PreviewMessages> = { en, sv, nb };

/** Office displayLanguage tags the preview simulates for each UI language. */
export const DISPLAY_LANGUAGE: Record<Language, string> = { en: "en-GB", sv: "sv-SE", nb: "nb-NO" };
