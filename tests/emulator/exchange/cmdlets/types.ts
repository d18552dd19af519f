import type { EmulatorContext } from "../../context";
import type { DirectoryUser } from "../../tenant/model";
import type { Bound, ParamSpec } from "../parameters";

export type CmdletInvocation = { ctx: EmulatorContext; caller: DirectoryUser; params: Bound };

export type CmdletResult = { rows: Record<string, unknown>[]; warnings: string[] };

export type CmdletDefinition = {
  name: string;
  parameters: ParamSpec[];
  run(invocation: CmdletInvocation): CmdletResult;
};
