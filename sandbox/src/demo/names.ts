import type { Country } from "../../../shared/domain/vocabulary";

/** Word lists for the demo tenant: Nordic industrial customers, their people and places. */

export const PLACES: Record<Country, readonly string[]> = {
  SE: ["Norrlands", "Bergslagens", "Vänerns", "Mälardalens", "Sundsvalls", "Gävle", "Luleå", "Umeå", "Borås",
    "Jönköpings", "Västerås", "Karlstads", "Örebro", "Skövde", "Halmstads", "Trollhättans", "Sandvikens",
    "Hallsbergs", "Kalmar", "Växjö", "Östersunds", "Falu", "Eskilstuna", "Norrköpings", "Uddevalla"],
  NO: ["Trøndelag", "Bergen", "Stavanger", "Molde", "Ålesund", "Drammen", "Kongsberg", "Raufoss", "Haugesund",
    "Bodø", "Tromsø", "Gjøvik", "Sandnes", "Skien", "Mo i Rana", "Fredrikstad", "Hamar", "Kristiansand"],
  DK: ["Aarhus", "Vejle", "Herning", "Esbjerg", "Odense", "Kolding", "Randers", "Aalborg", "Horsens", "Silkeborg"],
  FI: ["Tampereen", "Oulun", "Vaasan", "Turun", "Lahden", "Jyväskylän", "Porin", "Kuopion"],
};

export const TRADES: Record<Country, readonly string[]> = {
  SE: ["Mekaniska Verkstad", "Hydraulik", "Svets & Montage", "Plåtslageri", "Maskinservice", "Gjuteri",
    "Elektroteknik", "Automation", "Verktyg", "Industriservice", "Pumpteknik", "Lyftteknik", "Bygg & Anläggning",
    "Trävaror", "Transmission", "Kraftteknik", "Processteknik", "Smide", "Rostfritt", "Kylteknik"],
  NO: ["Mekaniske Verksted", "Hydraulikk", "Sveis", "Maskin", "Elektro", "Automasjon", "Industriservice",
    "Offshore Service", "Pumpeteknikk", "Stål", "Verktøy", "Bygg", "Kraner", "Kjøleteknikk", "Prosessteknikk"],
  DK: ["Maskinfabrik", "Hydraulik", "Smedie", "Stålindustri", "Automation", "Pumper", "El-teknik", "Værktøj"],
  FI: ["Konepaja", "Hydrauliikka", "Teräs", "Automaatio", "Sähkö", "Kone", "Metalli", "Pumppu"],
};

export const LEGAL_FORM: Record<Country, readonly string[]> = {
  SE: ["AB", "AB", "AB", "Aktiebolag", "HB"],
  NO: ["AS", "AS", "AS", "ASA"],
  DK: ["A/S", "ApS"],
  FI: ["Oy", "Oy", "Oyj"],
};

export const TLD: Record<Country, string> = { SE: "se", NO: "no", DK: "dk", FI: "fi" };

export const FIRST_NAMES: Record<Country, readonly string[]> = {
  SE: ["Anders", "Johan", "Karin", "Maria", "Lars", "Eva", "Per", "Lena", "Mats", "Helena", "Magnus", "Sara",
    "Fredrik", "Annika", "Henrik", "Emma", "Jonas", "Linnea", "Patrik", "Ulrika", "Björn", "Åsa", "Göran", "Märta"],
  NO: ["Ole", "Kari", "Ingrid", "Lars", "Knut", "Silje", "Håkon", "Marit", "Eirik", "Tone", "Bjørn", "Solveig",
    "Øystein", "Hilde", "Arne", "Ragnhild", "Torbjørn", "Liv"],
  DK: ["Søren", "Mette", "Jens", "Lone", "Rasmus", "Pia", "Mads", "Birgitte"],
  FI: ["Mikko", "Anna", "Jukka", "Laura", "Timo", "Sanna", "Pekka", "Riikka"],
};

export const LAST_NAMES: Record<Country, readonly string[]> = {
  SE: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Lindberg", "Lindström", "Bergström", "Sjöberg", "Holmqvist", "Ek", "Wallin",
    "Hedlund", "Nyström", "Åberg", "Löfgren"],
  NO: ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Berg", "Haugen",
    "Hagen", "Bakken", "Solberg", "Strand", "Dahl", "Lie", "Nygård", "Sæther"],
  DK: ["Jensen", "Nielsen", "Hansen", "Rasmussen", "Christensen", "Sørensen", "Møller", "Madsen"],
  FI: ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen"],
};

export const TITLES: readonly string[] = [
  "Inköpschef", "Inköpare", "Produktionschef", "Underhållschef", "VD", "Teknisk chef", "Driftansvarig",
  "Projektledare", "Konstruktör", "Logistikansvarig",
];

export const PRODUCT_LINES: readonly string[] = ["Hydraulik", "Pneumatik", "Transmission", "Lager & tätningar", "Service"];

/** Lower-case ASCII for e-mail local parts and domains ("Sjöberg" → "sjoberg", "Sæther" → "saether"). */
export function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, "")
    .replace(/[^a-z0-9]+/g, "");
}
