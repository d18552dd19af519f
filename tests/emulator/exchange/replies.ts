import type { CmdletError } from "./cmdlet-errors";

export const ODATA_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export type JsonReply = { status: number; body: unknown };

// Property order as Exchange writes it.
export function successBody(p: {
  baseUrl: string;
  tenantSegment: string;
  warnings: string[];
  nextLink: string | undefined;
  rows: Record<string, unknown>[];
}): Record<string, unknown> {
  return {
    "@odata.context": `${p.baseUrl}/adminapi/beta/${p.tenantSegment}/$metadata#Collection(Exchange.GenericHashTable)`,
    "adminapi.warnings@odata.type": "#Collection(String)",
    "@adminapi.warnings": p.warnings,
    ...(p.nextLink ? { "@odata.nextLink": p.nextLink } : {}),
    value: p.rows,
  };
}

export function errorReply(e: CmdletError): JsonReply {
  return { status: e.status, body: e.body };
}

// Errors of the request itself (not of a cmdlet).
export function badRequest(message: string, status = 400, code = "BadRequest"): JsonReply {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innererror: {
          message,
          type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
          stacktrace: "",
        },
      },
    },
  };
}
