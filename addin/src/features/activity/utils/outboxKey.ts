/** Where the outbox keeps its saves (localStorage); its own module so the zod-free loader can write there too. */
export const OUTBOX_STORAGE_KEY = "kundrytm.outbox.v1";
