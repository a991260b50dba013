// The Kundrytm add-in only (XML) manifest: the one artifact admins deploy. It is the only manifest format
// that reaches Outlook on Mac, iOS and Android (see docs/admin.md). Element order follows the XSDs in
// manifest/xsd/; tests validate every generated manifest against them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ICON_SIZES, iconFileName, type IconSize } from "./icons";
import { parseAddinHost, parseHttpsUrl, type AddinHost } from "./host-url";
import {
  DEFAULT_LOCALE,
  DESCRIPTION,
  DISPLAY_NAME,
  LONG_STRINGS,
  OVERRIDE_LOCALES,
  SHORT_STRINGS,
  type Localized,
  type LongStringId,
  type ShortStringId,
} from "./strings";

/** The add-in's identity in every tenant. Never change it: Outlook would treat a new id as another add-in. */
export const ADDIN_ID = "3de1b87a-7a2c-484e-a5e0-06a9fc0c04c1";
export const PROVIDER_NAME = "Kundrytm";
/** Minimum requirement set: ItemChanged for the pinned pane. Higher sets are checked at runtime in the pane. */
export const MINIMUM_MAILBOX_VERSION = "1.5";

/** Paths, relative to the host, of every file the manifest references. The built add-in must serve each. */
export const TASKPANE_PATH = "taskpane.html";
export const SUPPORT_PATH = "assets/support.html";
export const iconPath = (size: IconSize): string => `assets/${iconFileName(size)}`;

export interface ManifestOptions {
  /** Where the add-in is served, e.g. https://addin.example.com (the connector serves it). */
  url: string;
  /** Manifest version (1–4 dot-separated numbers); defaults to package.json's version. Bump it on every change. */
  version?: string;
  /** A support page of your own; defaults to the support page shipped with the add-in. */
  supportUrl?: string;
}

const VERSION_PATTERN = /^\d{1,5}(\.\d{1,5}){0,3}$/;

/** package.json "0.1.0" → "0.1.0.0" (Office shows four-part versions). Pre-release tags are not allowed. */
export function defaultManifestVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string" || !/^\d+\.\d+\.\d+$/.test(pkg.version)) {
    throw new Error(`package.json version "${String(pkg.version)}" is not MAJOR.MINOR.PATCH; pass --version explicitly`);
  }
  return `${pkg.version}.0`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function overrides(values: Localized, indent: string): string {
  return OVERRIDE_LOCALES.map((locale) => `${indent}<Override Locale="${locale}" Value="${escapeXml(values[locale])}"/>`).join("\n");
}

/** A top-level locale-aware setting (DisplayName, Description) with sv-SE and nb-NO overrides. */
function localeAware(element: string, values: Localized): string {
  return `  <${element} DefaultValue="${escapeXml(values[DEFAULT_LOCALE])}">\n${overrides(values, "    ")}\n  </${element}>`;
}

/** A bt:String resource with overrides. */
function stringResource(id: string, values: Localized, indent: string): string {
  return `${indent}<bt:String id="${id}" DefaultValue="${escapeXml(values[DEFAULT_LOCALE])}">\n${overrides(values, `${indent}  `).replace(/<Override/g, "<bt:Override")}\n${indent}</bt:String>`;
}

const iconId = (size: IconSize): string => `Icon.${size}`;

interface DesktopButton {
  surface: "MessageReadCommandSurface" | "MessageComposeCommandSurface" | "AppointmentAttendeeCommandSurface" | "AppointmentOrganizerCommandSurface";
  groupId: string;
  controlId: string;
  label: ShortStringId;
  tip: LongStringId;
  /** Only the message read pane can be pinned (Outlook cannot pin panes on appointments or in compose). */
  pinnable: boolean;
}

const DESKTOP_BUTTONS: readonly DesktopButton[] = [
  { surface: "MessageReadCommandSurface", groupId: "kundrytmReadGroup", controlId: "kundrytmReadCard", label: "Card.Label", tip: "ReadCard.Tip", pinnable: true },
  { surface: "MessageComposeCommandSurface", groupId: "kundrytmComposeGroup", controlId: "kundrytmComposeCard", label: "Card.Label", tip: "ComposeCard.Tip", pinnable: false },
  { surface: "AppointmentAttendeeCommandSurface", groupId: "kundrytmAttendeeGroup", controlId: "kundrytmLogMeeting", label: "LogMeeting.Label", tip: "AttendeeLog.Tip", pinnable: false },
  { surface: "AppointmentOrganizerCommandSurface", groupId: "kundrytmOrganizerGroup", controlId: "kundrytmOrganizerCard", label: "Card.Label", tip: "OrganizerCard.Tip", pinnable: false },
];

const DESKTOP_ICON_SIZES: readonly IconSize[] = [16, 32, 80];
/** Outlook mobile wants 25, 32 and 48 px buttons at scales 1–3: the files hold size × scale pixels. */
const MOBILE_ICONS: ReadonlyArray<{ size: 25 | 32 | 48; scale: 1 | 2 | 3; file: IconSize }> = [
  { size: 25, scale: 1, file: 25 }, { size: 25, scale: 2, file: 50 }, { size: 25, scale: 3, file: 75 },
  { size: 32, scale: 1, file: 32 }, { size: 32, scale: 2, file: 64 }, { size: 32, scale: 3, file: 96 },
  { size: 48, scale: 1, file: 48 }, { size: 48, scale: 2, file: 96 }, { size: 48, scale: 3, file: 144 },
];

function desktopExtensionPoint(button: DesktopButton, withPinning: boolean, indent: string): string {
  const i = (n: number): string => indent + "  ".repeat(n);
  const icons = DESKTOP_ICON_SIZES.map((size) => `${i(6)}<bt:Image size="${size}" resid="${iconId(size)}"/>`).join("\n");
  const pinning = withPinning && button.pinnable ? `\n${i(7)}<SupportsPinning>true</SupportsPinning>` : "";
  return [
    `${indent}<ExtensionPoint xsi:type="${button.surface}">`,
    `${i(1)}<OfficeTab id="TabDefault">`,
    `${i(2)}<Group id="${button.groupId}">`,
    `${i(3)}<Label resid="Group.Label"/>`,
    `${i(3)}<Control xsi:type="Button" id="${button.controlId}">`,
    `${i(4)}<Label resid="${button.label}"/>`,
    `${i(4)}<Supertip>`,
    `${i(5)}<Title resid="${button.label}"/>`,
    `${i(5)}<Description resid="${button.tip}"/>`,
    `${i(4)}</Supertip>`,
    `${i(4)}<Icon>`,
    icons,
    `${i(4)}</Icon>`,
    `${i(4)}<Action xsi:type="ShowTaskpane">`,
    `${i(5)}<SourceLocation resid="Taskpane.Url"/>${pinning}`,
    `${i(4)}</Action>`,
    `${i(3)}</Control>`,
    `${i(2)}</Group>`,
    `${i(1)}</OfficeTab>`,
    `${indent}</ExtensionPoint>`,
  ].join("\n");
}

function mobileButton(controlId: string, label: ShortStringId, indent: string): string {
  const i = (n: number): string => indent + "  ".repeat(n);
  const icons = MOBILE_ICONS.map((m) => `${i(2)}<bt:Image size="${m.size}" scale="${m.scale}" resid="${iconId(m.file)}"/>`).join("\n");
  return [
    `${indent}<Control xsi:type="MobileButton" id="${controlId}">`,
    `${i(1)}<Label resid="${label}"/>`,
    `${i(1)}<Icon>`,
    icons,
    `${i(1)}</Icon>`,
    `${i(1)}<Action xsi:type="ShowTaskpane">`,
    `${i(2)}<SourceLocation resid="Taskpane.Url"/>`,
    `${i(1)}</Action>`,
    `${indent}</Control>`,
  ].join("\n");
}

function mobileFormFactor(indent: string): string {
  const i = (n: number): string => indent + "  ".repeat(n);
  return [
    `${indent}<MobileFormFactor>`,
    `${i(1)}<ExtensionPoint xsi:type="MobileMessageReadCommandSurface">`,
    `${i(2)}<Group id="kundrytmMobileReadGroup">`,
    `${i(3)}<Label resid="Group.Label"/>`,
    mobileButton("kundrytmMobileReadCard", "Card.Label", i(3)),
    `${i(2)}</Group>`,
    `${i(1)}</ExtensionPoint>`,
    `${i(1)}<!-- Outlook mobile's "log this meeting to the CRM" button on meetings the rep attends. -->`,
    `${i(1)}<ExtensionPoint xsi:type="MobileLogEventAppointmentAttendee">`,
    mobileButton("kundrytmMobileLogMeeting", "LogMeeting.Label", i(2)),
    `${i(1)}</ExtensionPoint>`,
    `${indent}</MobileFormFactor>`,
  ].join("\n");
}

function resources(host: AddinHost, indent: string): string {
  const i = (n: number): string => indent + "  ".repeat(n);
  const images = ICON_SIZES.map((size) => `${i(2)}<bt:Image id="${iconId(size)}" DefaultValue="${host.base}/${iconPath(size)}"/>`).join("\n");
  const shorts = (Object.keys(SHORT_STRINGS) as ShortStringId[]).map((id) => stringResource(id, SHORT_STRINGS[id], i(2))).join("\n");
  const longs = (Object.keys(LONG_STRINGS) as LongStringId[]).map((id) => stringResource(id, LONG_STRINGS[id], i(2))).join("\n");
  return [
    `${indent}<Resources>`,
    `${i(1)}<bt:Images>`,
    images,
    `${i(1)}</bt:Images>`,
    `${i(1)}<bt:Urls>`,
    `${i(2)}<bt:Url id="Taskpane.Url" DefaultValue="${host.base}/${TASKPANE_PATH}"/>`,
    `${i(1)}</bt:Urls>`,
    `${i(1)}<bt:ShortStrings>`,
    shorts,
    `${i(1)}</bt:ShortStrings>`,
    `${i(1)}<bt:LongStrings>`,
    longs,
    `${i(1)}</bt:LongStrings>`,
    `${indent}</Resources>`,
  ].join("\n");
}

function requirements(indent: string): string {
  return [
    `${indent}<Requirements>`,
    `${indent}  <bt:Sets DefaultMinVersion="${MINIMUM_MAILBOX_VERSION}">`,
    `${indent}    <bt:Set Name="Mailbox"/>`,
    `${indent}  </bt:Sets>`,
    `${indent}</Requirements>`,
  ].join("\n");
}

/** VersionOverrides 1.0 (add-in commands, for clients that stop there) wrapping 1.1 (pinning, shared folders, mobile). */
function versionOverrides(host: AddinHost): string {
  const v10 = "  ";
  const v11 = "    ";
  return [
    `${v10}<VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" xsi:type="VersionOverridesV1_0">`,
    `${v10}  <Description resid="Addin.Description"/>`,
    requirements(`${v10}  `),
    `${v10}  <Hosts>`,
    `${v10}    <Host xsi:type="MailHost">`,
    `${v10}      <DesktopFormFactor>`,
    DESKTOP_BUTTONS.map((b) => desktopExtensionPoint(b, false, `${v10}        `)).join("\n"),
    `${v10}      </DesktopFormFactor>`,
    `${v10}    </Host>`,
    `${v10}  </Hosts>`,
    resources(host, `${v10}  `),
    `${v11}<VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1" xsi:type="VersionOverridesV1_1">`,
    `${v11}  <Description resid="Addin.Description"/>`,
    requirements(`${v11}  `),
    `${v11}  <Hosts>`,
    `${v11}    <Host xsi:type="MailHost">`,
    `${v11}      <DesktopFormFactor>`,
    `${v11}        <!-- Reps work in shared and delegated mailboxes (Mailbox 1.8 folders, 1.13 mailboxes). -->`,
    `${v11}        <SupportsSharedFolders>true</SupportsSharedFolders>`,
    DESKTOP_BUTTONS.map((b) => desktopExtensionPoint(b, true, `${v11}        `)).join("\n"),
    `${v11}      </DesktopFormFactor>`,
    mobileFormFactor(`${v11}      `),
    `${v11}    </Host>`,
    `${v11}  </Hosts>`,
    resources(host, `${v11}  `),
    `${v11}</VersionOverrides>`,
    `${v10}</VersionOverrides>`,
  ].join("\n");
}

/** The manifest for one host: every URL points under `url`, AppDomains lists its origin. */
export function generateManifest(options: ManifestOptions): string {
  const host = parseAddinHost(options.url);
  const version = options.version ?? defaultManifestVersion();
  if (!VERSION_PATTERN.test(version)) {
    throw new Error(`version "${version}" must be one to four dot-separated numbers, e.g. 1.2.0.0`);
  }
  const supportUrl = options.supportUrl === undefined ? `${host.base}/${SUPPORT_PATH}` : parseHttpsUrl(options.supportUrl).base;
  const taskpaneUrl = `${host.base}/${TASKPANE_PATH}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Kundrytm add-in manifest for ${escapeXml(host.base)}. Generated by "npm run manifest"; regenerate rather than edit. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xsi:type="MailApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${version}</Version>
  <ProviderName>${PROVIDER_NAME}</ProviderName>
  <DefaultLocale>${DEFAULT_LOCALE}</DefaultLocale>
${localeAware("DisplayName", DISPLAY_NAME)}
${localeAware("Description", DESCRIPTION)}
  <IconUrl DefaultValue="${host.base}/${iconPath(64)}"/>
  <HighResolutionIconUrl DefaultValue="${host.base}/${iconPath(128)}"/>
  <SupportUrl DefaultValue="${escapeXml(supportUrl)}"/>
  <AppDomains>
    <AppDomain>${host.origin}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Mailbox"/>
  </Hosts>
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="${MINIMUM_MAILBOX_VERSION}"/>
    </Sets>
  </Requirements>
  <FormSettings>
    <Form xsi:type="ItemRead">
      <DesktopSettings>
        <SourceLocation DefaultValue="${taskpaneUrl}"/>
        <RequestedHeight>450</RequestedHeight>
      </DesktopSettings>
    </Form>
    <Form xsi:type="ItemEdit">
      <DesktopSettings>
        <SourceLocation DefaultValue="${taskpaneUrl}"/>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <!-- ReadWriteItem, no wider: the pane reads the selected item (sender, attendees, and the whole
       message when archiving it to SuperOffice), writes to the item being composed, and sets
       notification messages and the "EventLogged" custom property after logging. It needs no access
       to other items of the mailbox (ReadWriteMailbox). -->
  <Permissions>ReadWriteItem</Permissions>
  <Rule xsi:type="RuleCollection" Mode="Or">
    <Rule xsi:type="ItemIs" ItemType="Message" FormType="ReadOrEdit"/>
    <Rule xsi:type="ItemIs" ItemType="Appointment" FormType="ReadOrEdit"/>
  </Rule>
  <DisableEntityHighlighting>true</DisableEntityHighlighting>
${versionOverrides(host)}
</OfficeApp>
`;
}

/** Every absolute URL in a manifest (attribute values and AppDomain text), in document order. */
export function manifestUrls(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)<\/AppDomain>/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}
