// Every user-visible string of the manifest, in the default locale (en-US) and the two overrides.
// Outlook picks the override matching the user's Office UI language and falls back to en-US.

export const DEFAULT_LOCALE = "en-US";
export const OVERRIDE_LOCALES = ["sv-SE", "nb-NO"] as const;
export type ManifestLocale = typeof DEFAULT_LOCALE | (typeof OVERRIDE_LOCALES)[number];

export type Localized = Readonly<Record<ManifestLocale, string>>;

/** Top-level display name and description (OfficeApp/DisplayName, OfficeApp/Description). */
export const DISPLAY_NAME: Localized = {
  "en-US": "Kundrytm",
  "sv-SE": "Kundrytm",
  "nb-NO": "Kundrytm",
};

export const DESCRIPTION: Localized = {
  "en-US":
    "Customer rhythm from SuperOffice in Outlook: the sender's tier, account owner, last and next contact, and logging of e-mails and meetings with the next step.",
  "sv-SE":
    "Kundrytm från SuperOffice i Outlook: avsändarens kundnivå, kundansvarig, senaste och nästa kontakt, och loggning av e-post och möten med nästa steg.",
  "nb-NO":
    "Kunderytme fra SuperOffice i Outlook: avsenderens kundenivå, kundeansvarlig, siste og neste kontakt, og logging av e-post og møter med neste steg.",
};

/** Short strings (bt:ShortStrings, ≤ 125 characters): group and button labels, supertip titles. */
export const SHORT_STRINGS = {
  "Group.Label": { "en-US": "Kundrytm", "sv-SE": "Kundrytm", "nb-NO": "Kundrytm" },
  "Card.Label": { "en-US": "Customer card", "sv-SE": "Kundkort", "nb-NO": "Kundekort" },
  "LogMeeting.Label": { "en-US": "Log meeting", "sv-SE": "Logga möte", "nb-NO": "Logg møte" },
} as const satisfies Record<string, Localized>;

/** Long strings (bt:LongStrings, ≤ 250 characters): supertip descriptions and the add-in description. */
export const LONG_STRINGS = {
  "Addin.Description": DESCRIPTION,
  "ReadCard.Tip": {
    "en-US": "Show the sender's company, tier, account owner and last and next contact from SuperOffice. Pin it to follow your selection.",
    "sv-SE": "Visa avsändarens företag, kundnivå, kundansvarig och senaste och nästa kontakt från SuperOffice. Fäst den för att följa ditt val.",
    "nb-NO": "Vis avsenderens firma, kundenivå, kundeansvarlig og siste og neste kontakt fra SuperOffice. Fest den for å følge valget ditt.",
  },
  "ComposeCard.Tip": {
    "en-US": "Show the customer card of the recipient while you write, and log the e-mail to SuperOffice.",
    "sv-SE": "Visa mottagarens kundkort medan du skriver, och logga e-postmeddelandet i SuperOffice.",
    "nb-NO": "Vis mottakerens kundekort mens du skriver, og logg e-posten i SuperOffice.",
  },
  "AttendeeLog.Tip": {
    "en-US": "Log this meeting in SuperOffice and plan the next contact with the customer.",
    "sv-SE": "Logga mötet i SuperOffice och planera nästa kontakt med kunden.",
    "nb-NO": "Logg møtet i SuperOffice og planlegg neste kontakt med kunden.",
  },
  "OrganizerCard.Tip": {
    "en-US": "Show the customer cards of the attendees and link the meeting to their company in SuperOffice.",
    "sv-SE": "Visa deltagarnas kundkort och koppla mötet till deras företag i SuperOffice.",
    "nb-NO": "Vis deltakernes kundekort og koble møtet til bedriften deres i SuperOffice.",
  },
} as const satisfies Record<string, Localized>;

export type ShortStringId = keyof typeof SHORT_STRINGS;
export type LongStringId = keyof typeof LONG_STRINGS;
