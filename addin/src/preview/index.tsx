import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { loadContracts } from "../api/loadContracts";
import { PreviewPage } from "./PreviewPage";

// The pane's contract schemas load with the inbox, as they do while Office gets ready in Outlook.
loadContracts().catch(() => undefined);

// The preview never loads office.js: the pane runs on the simulated Office in simulatedOffice.ts.
const container = document.getElementById("root");
if (!container) throw new Error("preview/index.html has no #root");
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <PreviewPage mailboxUrl={new URL("/preview/mailbox.json", window.location.origin).toString()} />
  </FluentProvider>,
);
