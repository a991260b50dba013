/** A failure answered with SuperOffice's error body {Error, ErrorType, ErrorMessage, ErrorSource}. */
export class SoError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly errorSource = "SuperOffice.Services.Implementation",
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): SoErrorBody {
    return { Error: true, ErrorType: this.errorType, ErrorMessage: this.message, ErrorSource: this.errorSource };
  }
}

export interface SoErrorBody {
  Error: true;
  ErrorType: string;
  ErrorMessage: string;
  ErrorSource: string;
}

export const notFound = (entity: string, id: number | string) =>
  new SoError(404, "SoNotFoundException", `${entity} id ${id} not found`);

export const badRequest = (message: string, errorType = "ArgumentException", source = "SuperOffice.Services.WebApi") =>
  new SoError(400, errorType, message, source);

export const archiveError = (message: string) =>
  new SoError(400, "ArgumentException", message, "SuperOffice.Services.WebApi.OData");
