import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type TStarted = { child: ChildProcess; line: string };

// Starts a child and resolves with the first stdout line matching `ready`; rejects with the
// child's own output when it exits or takes too long.
export function startAndWait(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number; name: string; echo?: boolean; logFile?: string },
): Promise<TStarted> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    if (options.logFile) {
      const log = createWriteStream(options.logFile, { flags: "a" });
      // Two sources share one file: neither may end it while the other still writes.
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      child.once("close", () => log.end());
    }
    let output = "";
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${options.name} did not start within ${options.timeoutMs / 1000} s:\n${output}`)), options.timeoutMs);
    const finish = (error: Error | null, line = "") => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill("SIGTERM");
        reject(error);
      } else resolve({ child, line });
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (options.echo) process.stdout.write(`[${options.name}] ${text}`);
      const line = text.split("\n").find((l) => options.ready.test(l));
      if (line) finish(null, line.trim());
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) process.stderr.write(`[${options.name}] ${chunk.toString()}`);
    });
    child.on("exit", (code) => finish(new Error(`${options.name} exited with code ${code}:\n${output}`)));
  });
}

export function stopChild(child: ChildProcess | undefined): Promise<void> {
  // A child killed by a signal has no exit code, only a signal code.
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

// Runs a command to its end; rejects with its output when it fails.
export function runToEnd(command: string, args: string[], options: { env: NodeJS.ProcessEnv; name: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${options.name} failed (exit ${code}):\n${output}`))));
  });
}
