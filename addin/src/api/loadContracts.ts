export type Contracts = typeof import("./contracts");

let loading: Promise<Contracts> | null = null;

/** The contract schemas, loaded once; a failed load (network) is tried again on the next call. */
export function loadContracts(): Promise<Contracts> {
  loading ??= import(/* webpackChunkName: "contracts" */ "./contracts").catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** One schema of the contract, e.g. `contract("CardResponse")`. */
export function contract<K extends keyof Contracts>(name: K): Promise<Contracts[K]> {
  return loadContracts().then((c) => c[name]);
}
