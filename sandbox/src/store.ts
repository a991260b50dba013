import fs from "node:fs";
import path from "node:path";
import type {
  AppointmentRec, AssociateRec, ContactRec, DocumentRec, PersonRec, SaleRec, SelectionRec, TenantData,
} from "./model";

/**
 * The tenant's records with lookup indexes, persisted as one JSON snapshot per tenant in the data folder
 * (written to a temp file and renamed, so a crash never leaves half a file). Mutating routes call
 * `commit()` and answer after the snapshot is on disk; concurrent commits share one write.
 */
export class Store {
  data: TenantData;
  contacts = new Map<number, ContactRec>();
  persons = new Map<number, PersonRec>();
  associates = new Map<number, AssociateRec>();
  appointments = new Map<number, AppointmentRec>();
  sales = new Map<number, SaleRec>();
  selections = new Map<number, SelectionRec>();
  documents = new Map<number, DocumentRec>();
  private pending: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(data: TenantData, private readonly file: string | null) {
    this.data = data;
    this.reindex();
  }

  static snapshotFile(dataDir: string, tenant: string): string {
    return path.join(dataDir, `sandbox-${tenant}.json`);
  }

  /** Reads a snapshot; null when the folder has none yet. A corrupt or foreign file is an error, not a reset. */
  static read(file: string): TenantData | null {
    if (!fs.existsSync(file)) return null;
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<TenantData>;
    if (parsed.format !== "kundrytm-sandbox-tenant" || parsed.version !== 1) {
      throw new Error(`${file} is not a Kundrytm sandbox snapshot (format ${String(parsed.format)}, version ${String(parsed.version)})`);
    }
    return parsed as TenantData;
  }

  replace(data: TenantData): void {
    this.data = data;
    this.reindex();
  }

  private reindex(): void {
    const index = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    this.contacts = index(this.data.contacts);
    this.persons = index(this.data.persons);
    this.associates = index(this.data.associates);
    this.appointments = index(this.data.appointments);
    this.sales = index(this.data.sales);
    this.selections = index(this.data.selections);
    this.documents = index(this.data.documents);
  }

  nextId(table: keyof TenantData["nextIds"]): number {
    const id = this.data.nextIds[table];
    this.data.nextIds[table] = id + 1;
    return id;
  }

  addContact(c: ContactRec): void { this.data.contacts.push(c); this.contacts.set(c.id, c); }
  /** A company deleted as a SuperOffice user deletes one: with its persons and their activities. */
  removeContact(id: number): boolean {
    if (!this.contacts.has(id)) return false;
    const d = this.data;
    d.contacts = d.contacts.filter((c) => c.id !== id);
    d.persons = d.persons.filter((p) => p.contactId !== id);
    d.appointments = d.appointments.filter((a) => a.contactId !== id);
    this.reindex();
    return true;
  }
  addPerson(p: PersonRec): void { this.data.persons.push(p); this.persons.set(p.id, p); }
  addAppointment(a: AppointmentRec): void { this.data.appointments.push(a); this.appointments.set(a.id, a); }
  addSelection(s: SelectionRec): void { this.data.selections.push(s); this.selections.set(s.id, s); }
  addDocument(d: DocumentRec): void { this.data.documents.push(d); this.documents.set(d.id, d); }

  /** Persists the current state (no-op in memory); resolves when it is on disk. */
  commit(): Promise<void> {
    if (!this.file) return Promise.resolve();
    if (!this.pending) {
      const file = this.file;
      this.pending = this.writing.then(() => {
        this.pending = null;
        const tmp = `${file}.${process.pid}.tmp`;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(tmp, JSON.stringify(this.data));
        fs.renameSync(tmp, file);
      });
      this.writing = this.pending.catch(() => undefined);
    }
    return this.pending;
  }

  /** Waits for outstanding writes (used on close). */
  flush(): Promise<void> {
    return this.writing;
  }
}
