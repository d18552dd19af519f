// Exchange's error answers. Two families, both captured from Exchange Online:
// - a cmdlet that ran and failed: error.message "Error executing cmdlet", the reason in
//   details[0].message as "<ErrorId>|<ExceptionClass>|<text>", a generic internalexception;
// - parameters that could not be bound: error.message "Invalid Operation", the reason in
//   innererror.internalexception (and, for unknown parameters, also in details).

import { badRequest } from "./replies";

const ODATA_EXCEPTION = "Microsoft.Exchange.Admin.OData.Core.ODataServiceException";
const NOT_FOUND_EXCEPTION = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException";
const STORE_TASKS = "Microsoft.Exchange.Management.StoreTasks";
const DIRECT_INVOKE_EXCEPTION = "Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException";
export const DOMAIN_CONTROLLER = "CO1PR01A001DC001.NAMPR01A001.PROD.OUTLOOK.COM";

export class CmdletError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Exchange error ${status}`);
  }
}

export function executionError(status: number, code: string, errorId: string, exceptionClass: string, text: string): CmdletError {
  return new CmdletError(status, {
    error: {
      code,
      message: "Error executing cmdlet",
      details: [{ code: "Client", target: "", message: `${errorId}|${exceptionClass}|${text}` }],
      innererror: {
        message: "Error executing cmdlet",
        type: ODATA_EXCEPTION,
        stacktrace: "",
        internalexception: {
          message: `Exception of type '${DIRECT_INVOKE_EXCEPTION}' was thrown.`,
          type: DIRECT_INVOKE_EXCEPTION,
          stacktrace: "",
        },
      },
      "adminapi.warnings@odata.type": "#Collection(String)",
      "@adminapi.warnings": [],
    },
  });
}

function invalidOperation(exceptionClass: string, text: string, withDetails: boolean): CmdletError {
  return new CmdletError(400, {
    error: {
      code: "BadRequest",
      message: "Invalid Operation",
      ...(withDetails ? { details: [{ code: "Client", target: "", message: `|${exceptionClass}|${text}` }] } : {}),
      innererror: {
        message: "Invalid Operation",
        type: ODATA_EXCEPTION,
        stacktrace: "",
        internalexception: { message: text, type: exceptionClass, stacktrace: "" },
      },
    },
  });
}

// The other form of details[0].message: the exception serialised as JSON (the module parses it).
export function serialiseDetails(body: unknown): unknown {
  const details = (body as { error?: { details?: { message?: unknown }[] } } | null)?.error?.details;
  const first = details?.[0];
  if (!first || typeof first.message !== "string") return body;
  const match = /^([^|]*)\|([^|]+)\|([\s\S]*)$/.exec(first.message);
  if (!match) return body;
  const [, , className, text] = match;
  const serialised = {
    ClassName: className,
    Message: text,
    Data: null,
    InnerException: null,
    HelpURL: null,
    StackTraceString: null,
    RemoteStackTraceString: null,
    RemoteStackIndex: 0,
    ExceptionMethod: null,
    HResult: -2146233088,
    Source: "Microsoft.Exchange.Configuration.ObjectModel",
    WatsonBuckets: null,
    localizedString: { stringId: (className ?? "").split(".").pop(), LocalizedString: text },
  };
  const copy = structuredClone(body) as { error: { details: { message: string }[] } };
  copy.error.details[0]!.message = JSON.stringify(serialised);
  return copy;
}

export const cmdletErrors = {
  notFound: (identity: string) =>
    executionError(
      404,
      "NotFound",
      "Ex6F9304",
      NOT_FOUND_EXCEPTION,
      `The operation couldn't be performed because object '${identity}' couldn't be found on '${DOMAIN_CONTROLLER}'.`,
    ),
  // A recipient named in a multi-valued property (GrantSendOnBehalfTo) that does not resolve.
  recipientNotFound: (identity: string) =>
    executionError(
      404,
      "NotFound",
      "Ex2A6C13",
      NOT_FOUND_EXCEPTION,
      `Couldn't find object "${identity}". Please make sure that it was spelled correctly or specify a different object.`,
    ),
  // A mailbox folder (<mailbox>:\<folder>) that does not exist, e.g. :\Calendar on a mailbox whose
  // calendar is "Kalender". The identity is echoed as sent.
  folderNotFound: (identity: string) =>
    executionError(404, "NotFound", "Ex1E96F9", NOT_FOUND_EXCEPTION, `The operation couldn't be performed because '${identity}' couldn't be found.`),
  folderUserUnknown: (user: string) =>
    executionError(
      400,
      "BadRequest",
      "Ex3C7D25",
      `${STORE_TASKS}.InvalidExternalUserIdException`,
      `The user "${user}" is either not valid SMTP address, or there is no matching information.`,
    ),
  folderEntryExists: (name: string) =>
    executionError(400, "BadRequest", "Ex9A1C4E", `${STORE_TASKS}.UserAlreadyExistsInPermissionEntryException`, `An existing permission entry was found for user: ${name}.`),
  folderEntryMissing: (name: string) =>
    executionError(400, "BadRequest", "ExB30F7D", `${STORE_TASKS}.UserNotFoundInPermissionEntryException`, `There is no existing permission entry found for user: ${name}.`),
  invalidFolderPermission: (text: string) =>
    executionError(400, "BadRequest", "Ex4D8B02", `${STORE_TASKS}.InvalidMailboxFolderPermissionException`, text),
  // Only with the "required" confirmation quirk: what PowerShell answers when a confirmation
  // cannot be asked for.
  confirmationRequired: (cmdlet: string, target: string) =>
    executionError(
      400,
      "BadRequest",
      "ExA81F3C",
      "System.Management.Automation.Host.HostException",
      `A command that prompts the user failed because the host program or the command type does not support user interaction. The host was attempting to request confirmation with the following message: Are you sure you want to perform this action? ${cmdlet} on target "${target}". Send "Confirm": false to run it without confirmation.`,
    ),
  ambiguous: (identity: string) =>
    executionError(
      400,
      "BadRequest",
      "Ex0B7A2E",
      "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException",
      `The operation couldn't be performed because '${identity}' matches multiple entries.`,
    ),
  outOfWriteScope: (name: string) =>
    executionError(
      400,
      "BadRequest",
      "ExC4D0E1",
      "Microsoft.Exchange.Configuration.Tasks.TaskException",
      `The operation on mailbox "${name}" failed because it's out of the current user's write scope. The object '${name}' must be within the read scope before and after it's modified. Can't perform the save operation.`,
    ),
  // Parts of Exchange the emulator does not model: refused with 501 rather than faked.
  notModelled: (text: string) => new CmdletError(501, badRequest(`The Microsoft 365 emulator does not model ${text}.`, 501, "NotImplemented").body),
  invalidArgument: (text: string) =>
    executionError(400, "BadRequest", "Ex5E3F21", "Microsoft.Exchange.Configuration.Tasks.TaskArgumentException", text),
  unknownParameters: (names: string[]) =>
    invalidOperation(
      "Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException",
      `Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. ${names.join(", ")}`,
      true,
    ),
  parameterSetConflict: () =>
    invalidOperation(
      "Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException",
      "Parameter set cannot be resolved using the specified named parameters.",
      true,
    ),
  missingMandatory: (names: string[]) =>
    invalidOperation(
      "System.Management.Automation.ParameterBindingException",
      `Cannot process command because of one or more missing mandatory parameters: ${names.join(" ")}.`,
      true,
    ),
  transformation: (parameter: string, value: string, type: string, reason: string) =>
    invalidOperation(
      "Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException",
      `Cannot process argument transformation on parameter '${parameter}'. Cannot convert value "${value}" to type "${type}". Error: "${reason}"`,
      false,
    ),
  // A cmdlet outside the caller's roles, called through a REST cmdlet endpoint (office-docs-
  // powershell #7365, #7970, #8058): a 401 that is no token problem.
  notAllowedToCall: (name: string) =>
    new CmdletError(401, {
      error: {
        code: "Unauthorized",
        message: `User is not allowed to call ${name}`,
        innererror: { message: `User is not allowed to call ${name}`, type: ODATA_EXCEPTION, stacktrace: "" },
      },
    }),
  // A write to a mailbox whose directory object is synchronised from on-premises AD: the
  // write-scope wording with the reason after it.
  directorySynced: (name: string, cmdlet: string, parameter: string) =>
    executionError(
      400,
      "BadRequest",
      "ExC4D0E2",
      "Microsoft.Exchange.Configuration.Tasks.TaskException",
      `The operation on mailbox "${name}" failed because it's out of the current user's write scope. The action '${cmdlet}', '${parameter}', can't be performed on the object '${name}' because the object is being synchronized from your on-premises organization. This action should be performed on the object in your on-premises organization.`,
    ),
  commandNotFound: (name: string) =>
    invalidOperation(
      "System.Management.Automation.CommandNotFoundException",
      `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
      true,
    ),
};
