// jsdom has no ResizeObserver; Fluent's MessageBar observes its own size to pick a layout.
// The shim never reports a resize, which leaves MessageBar in its default (single-line) layout.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, "ResizeObserver", { value: NoResizeObserver, configurable: true });
  Object.defineProperty(globalThis, "ResizeObserver", { value: NoResizeObserver, configurable: true });
}
