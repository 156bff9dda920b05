// How the extension finds and starts `ordinary lsp`: plain functions of
// the settings and the environment, with no VS Code in them, so that
// `npm test` checks them with Node alone.

import * as fs from "fs";
import * as path from "path";

/** The settings the extension reads (`ordinary.*`). */
export interface Settings {
  /** `ordinary.path`: the program to run; empty for the one on PATH. */
  path: string;
  /** `ordinary.debounceMs`. */
  debounceMs: number;
}

/** What to run, or why nothing can be. */
export type Launch =
  | { ok: true; command: string; args: string[] }
  | { ok: false; message: string };

/** Where a program is looked for, and how to tell that a file is one. */
export interface Environment {
  platform: NodeJS.Platform;
  /** The PATH variable (`Path` on Windows counts too). */
  pathVariable: string;
  /** The extensions Windows tries (PATHEXT). */
  pathExt?: string;
  /** The folder a relative `ordinary.path` is resolved from (the workspace). */
  workspaceFolder?: string;
  isExecutableFile(file: string): boolean;
}

/** The settings from a raw configuration object, with defaults for what
 * is missing or of the wrong type. */
export function readSettings(raw: { get(key: string): unknown }): Settings {
  const configured = raw.get("path");
  const debounce = raw.get("debounceMs");
  return {
    path: typeof configured === "string" ? configured.trim() : "",
    debounceMs:
      typeof debounce === "number" && Number.isFinite(debounce) && debounce >= 0
        ? Math.round(debounce)
        : 50,
  };
}

/** The command that starts the language server. */
export function launch(settings: Settings, env: Environment): Launch {
  const args = ["lsp", "--debounce-ms", String(settings.debounceMs)];
  if (settings.path !== "") {
    const configured = expandHome(settings.path, env);
    const pathApi = env.platform === "win32" ? path.win32 : path.posix;
    const resolved =
      pathApi.isAbsolute(configured) || env.workspaceFolder === undefined
        ? configured
        : pathApi.join(env.workspaceFolder, configured);
    if (!env.isExecutableFile(resolved)) {
      return {
        ok: false,
        message: `ordinary.path is set to ${settings.path}, but there is no program there. Correct the setting, or clear it to use the ordinary on your PATH.`,
      };
    }
    return { ok: true, command: resolved, args };
  }
  const found = findOnPath("ordinary", env);
  if (found === undefined) {
    return {
      ok: false,
      message:
        "ordinary was not found on your PATH. Install it (see the README), or set ordinary.path to where it is.",
    };
  }
  return { ok: true, command: found, args };
}

/** `~/…` in a configured path, as a shell would read it. */
function expandHome(configured: string, env: Environment): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (home && (configured === "~" || configured.startsWith("~/") || configured.startsWith("~\\"))) {
    const pathApi = env.platform === "win32" ? path.win32 : path.posix;
    return pathApi.join(home, configured.slice(1));
  }
  return configured;
}

/** The first `name` on the PATH (with Windows' extensions on Windows). */
export function findOnPath(name: string, env: Environment): string | undefined {
  const windows = env.platform === "win32";
  const pathApi = windows ? path.win32 : path.posix;
  const separator = windows ? ";" : ":";
  const extensions = windows
    ? (env.pathExt || ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "")
    : [""];
  for (let folder of env.pathVariable.split(separator)) {
    // Windows allows quoted entries in PATH.
    folder = folder.replace(/^"(.*)"$/, "$1");
    if (folder === "") {
      continue;
    }
    for (const extension of extensions) {
      const candidate = pathApi.join(folder, name + extension.toLowerCase());
      if (env.isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** This machine's environment. */
export function currentEnvironment(workspaceFolder?: string): Environment {
  return {
    platform: process.platform,
    pathVariable: process.env.PATH ?? process.env.Path ?? "",
    pathExt: process.env.PATHEXT,
    workspaceFolder,
    isExecutableFile(file: string): boolean {
      try {
        if (!fs.statSync(file).isFile()) {
          return false;
        }
        if (process.platform !== "win32") {
          fs.accessSync(file, fs.constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
