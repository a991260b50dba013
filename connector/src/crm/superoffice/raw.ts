import { z } from "zod";

/**
 * SuperOffice's raw shapes, in SuperOffice's casing, parsed where responses arrive. Loose objects: the
 * client reads the fields it names and ignores the rest. Reference-typed fields may be null on the
 * wire (SuperOffice serialises unset .NET references as null), hence `nullish()`.
 */

/** Archive (OData SLIM) cells are display values: ints may come as numbers or numeric strings. */
export const soInt = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
export const soNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
export const soBool = z.union([
  z.boolean(),
  z.enum(["true", "false", "True", "False", "1", "0", "[I:1]", "[I:0]"]).transform((v) => v === "true" || v === "True" || v === "1" || v === "[I:1]"),
  z.number().int().transform((v) => v !== 0),
]);
export const soText = z.string().nullish().transform((v) => v ?? null);

/** ODataSlimResponse: {"odata.metadata", "odata.nextLink", value[]}. */
export function odataPage<Row extends z.ZodType>(row: Row) {
  return z.looseObject({
    "odata.metadata": z.string().nullish(),
    "odata.nextLink": z.string().nullish(),
    value: z.array(row),
  });
}

export const RawAssociate = z.looseObject({
  AssociateId: z.number().int(),
  Name: z.string().nullish(),
  PersonId: z.number().int().nullish(),
  FullName: z.string().nullish(),
  Type: z.string().nullish(),
  Deleted: z.boolean().nullish(),
});

export const RawListItem = z.looseObject({
  Id: z.number().int(),
  Name: z.string().nullish(),
  Tooltip: z.string().nullish(),
  Deleted: z.boolean().nullish(),
  Rank: z.number().int().nullish(),
  UdListDefinitionId: z.number().int().nullish(),
});
export type RawListItem = z.infer<typeof RawListItem>;

/** Category/Business carriers on an entity: {Id, Value, Tooltip, …}. */
export const RawCategory = z.looseObject({
  Id: z.number().int(),
  Value: z.string().nullish(),
  Tooltip: z.string().nullish(),
  Rank: z.number().int().nullish(),
  Deleted: z.boolean().nullish(),
});

export const RawCountry = z.looseObject({
  CountryId: z.number().int(),
  Name: z.string().nullish(),
  TwoLetterISOCountry: z.string().nullish(),
});

export const RawEntityElement = z.looseObject({
  Value: z.string().nullish(),
  StrippedValue: z.string().nullish(),
  Description: z.string().nullish(),
});

/** Custom-field values are strings; a null means "no value". */
export const RawCustomFields = z.record(z.string(), z.string().nullable()).nullish();

export const RawContactEntity = z.looseObject({
  ContactId: z.number().int(),
  Name: z.string().nullish(),
  Department: z.string().nullish(),
  OrgNr: z.string().nullish(),
  Number1: z.string().nullish(),
  Number2: z.string().nullish(),
  Associate: RawAssociate.nullish(),
  Category: RawCategory.nullish(),
  Business: RawCategory.nullish(),
  Country: RawCountry.nullish(),
  Domains: z.array(z.string()).nullish(),
  CustomFields: RawCustomFields,
  UserDefinedFields: RawCustomFields,
  ExtraFields: RawCustomFields,
});
export type RawContactEntity = z.infer<typeof RawContactEntity>;

export const RawPersonEntity = z.looseObject({
  PersonId: z.number().int(),
  Firstname: z.string().nullish(),
  MiddleName: z.string().nullish(),
  Lastname: z.string().nullish(),
  FullName: z.string().nullish(),
  Title: z.string().nullish(),
  Emails: z.array(RawEntityElement).nullish(),
  Contact: z.looseObject({ ContactId: z.number().int() }).nullish(),
});
export type RawPersonEntity = z.infer<typeof RawPersonEntity>;

export const RawTaskListItem = z.looseObject({
  TaskListItemId: z.number().int(),
  Value: z.string().nullish(),
  Type: z.string().nullish(),
  Deleted: z.boolean().nullish(),
  Rank: z.number().int().nullish(),
});

export const RawAppointmentEntity = z.looseObject({
  AppointmentId: z.number().int(),
  Associate: z.looseObject({ AssociateId: z.number().int() }).nullish(),
  Contact: z.looseObject({ ContactId: z.number().int() }).nullish(),
  Person: z.looseObject({ PersonId: z.number().int() }).nullish(),
  Task: RawTaskListItem.nullish(),
  Description: z.string().nullish(),
  StartDate: z.string(),
  EndDate: z.string(),
  Type: z.string().nullish(),
  Completed: z.enum(["Unknown", "NotStarted", "Started", "Completed"]),
});
export type RawAppointmentEntity = z.infer<typeof RawAppointmentEntity>;

/** A FindAppointment archive row for the columns `APPOINTMENT_COLUMNS` selects. */
export const APPOINTMENT_COLUMNS = ["appointmentId", "date", "endDate", "completed", "associateId", "contactId", "personId", "text", "type"] as const;
export const RawAppointmentRow = z.looseObject({
  appointmentId: soInt,
  date: z.string(),
  endDate: z.string().nullish(),
  completed: soBool,
  associateId: soInt.nullish(),
  contactId: soInt.nullish(),
  personId: soInt.nullish(),
  text: soText,
  type: soText,
});
export type RawAppointmentRow = z.infer<typeof RawAppointmentRow>;

/** A Person archive row for `PERSON_COLUMNS`. */
export const PERSON_COLUMNS = ["personId", "fullName", "contactId", "title", "email/emailAddress"] as const;
export const RawPersonRow = z.looseObject({
  personId: soInt,
  fullName: soText,
  contactId: soInt.nullish(),
  title: soText,
  "email/emailAddress": soText,
});

/** A Contact archive row for `CONTACT_DOMAIN_COLUMNS`: the company's e-mail address and web address. */
export const CONTACT_DOMAIN_COLUMNS = ["contactId", "name", "email/emailAddress", "url/URLAddress"] as const;
export const RawContactDomainRow = z.looseObject({
  contactId: soInt,
  name: soText,
  "email/emailAddress": soText,
  "url/URLAddress": soText,
});

/** AllUsers archive row (GET /v1/User) for `USER_COLUMNS`. */
export const USER_COLUMNS = ["associateDbId", "assocName", "fullName", "personId", "personEmail", "isActive"] as const;
export const RawUserRow = z.looseObject({
  associateDbId: soInt,
  assocName: soText,
  fullName: soText,
  personId: soInt.nullish(),
  personEmail: soText,
  isActive: soBool.nullish(),
});

export const RawUdefFieldInfo = z.looseObject({
  ProgId: z.string().nullish(),
  UdefIdentity: z.number().int().nullish(),
  FieldLabel: z.string().nullish(),
  FieldType: z.string().nullish(),
  UDListDefinitionId: z.number().int().nullish(),
  MdoListName: z.string().nullish(),
});

export const RawMdoListItem: z.ZodType<{ Id: number; Name?: string | null; Deleted?: boolean | null; Rank?: number | null; ChildItems?: unknown[] | null }> =
  z.looseObject({
    Id: z.number().int(),
    Name: z.string().nullish(),
    Deleted: z.boolean().nullish(),
    Rank: z.number().int().nullish(),
    ChildItems: z.array(z.unknown()).nullish(),
  });

export const RawSelectionEntity = z.looseObject({
  SelectionId: z.number().int(),
  Name: z.string().nullish(),
  Description: z.string().nullish(),
  Associate: z.looseObject({ AssociateId: z.number().int() }).nullish(),
  SelectionType: z.string().nullish(),
  MemberCount: z.number().int().nullish(),
});
export type RawSelectionEntity = z.infer<typeof RawSelectionEntity>;

export const SELECTION_COLUMNS = ["selectionId", "name"] as const;
export const RawSelectionRow = z.looseObject({ selectionId: soInt, name: soText });

export const SELECTION_MEMBER_COLUMNS = ["contactId", "personId"] as const;
export const RawSelectionMemberRow = z.looseObject({ contactId: soInt.nullish(), personId: soInt.nullish() });

export const RawDocumentTemplate = z.looseObject({
  DocumentTemplateId: z.number().int(),
  Name: z.string().nullish(),
  RecordType: z.string().nullish(),
  Direction: z.string().nullish(),
  Deleted: z.boolean().nullish(),
  Rank: z.number().int().nullish(),
});

export const RawDocumentEntity = z.looseObject({
  DocumentId: z.number().int(),
  Header: z.string().nullish(),
  Name: z.string().nullish(),
  Date: z.string().nullish(),
  ExternalRef: z.string().nullish(),
  Contact: z.looseObject({ ContactId: z.number().int() }).nullish(),
  Person: z.looseObject({ PersonId: z.number().int() }).nullish(),
  Associate: z.looseObject({ AssociateId: z.number().int() }).nullish(),
  DocumentTemplate: z.looseObject({ DocumentTemplateId: z.number().int() }).nullish(),
});
export type RawDocumentEntity = z.infer<typeof RawDocumentEntity>;

export const DOCUMENT_COLUMNS = ["documentId", "contactId", "subject", "date"] as const;
export const RawDocumentRow = z.looseObject({ documentId: soInt });

/** FindSale archive row for `SALE_COLUMNS`; cells are validated one by one so bad rows are reported, not dropped. */
export const SALE_COLUMNS = ["saleId", "heading", "amount", "currency", "date", "saleStatus", "contactId", "personId", "associateId"] as const;
export const RawSaleRow = z.looseObject({ saleId: soInt }).catchall(z.unknown());

/** MassOperationResult of the DatabaseTable agent; `RowStatus` only when ReturnRowStatus was asked for. */
export const RawMassOperationResult = z.looseObject({
  Success: z.boolean(),
  Message: z.string().nullish(),
  Inserts: z.number().int().nullish(),
  Updates: z.number().int().nullish(),
  Deletes: z.number().int().nullish(),
  RowStatus: z
    .array(z.looseObject({ PrimaryKey: z.number().int().nullish(), Action: z.string().nullish(), RowKeys: z.array(z.string()).nullish() }))
    .nullish(),
});
export type RawMassOperationResult = z.infer<typeof RawMassOperationResult>;
