import { createRoot } from "react-dom/client";
import { createPaneProps } from "../app/bootstrap";
import { loadContracts } from "../api/loadContracts";
import { PaneApp } from "../app/PaneApp";
import type { OfficeLike } from "../office/types";

// office.js (Microsoft's CDN, in taskpane.html) defines the Office global; render only once it is ready.
// The type-checker confirms the real Office global provides the subset the adapter uses.
const office: OfficeLike = Office;

// The contract schemas load while Office gets ready: the first answers are parsed without waiting.
loadContracts().catch(() => undefined);

office.onReady().then(() => {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root");
  const props = createPaneProps(office, { baseUrl: window.location.origin });
  createRoot(container).render(<PaneApp {...props} />);
});
