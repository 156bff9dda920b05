// The settings and start-up logic, with Node's own test runner: no VS Code.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { Environment, currentEnvironment, findOnPath, launch, readSettings } from "../server";

function settings(values: Record<string, unknown>) {
  return readSettings({ get: (key: string) => values[key] });
}

function environment(files: string[], extra: Partial<Environment> = {}): Environment {
  return {
    platform: "linux",
    pathVariable: "/usr/local/bin:/usr/bin",
    isExecutableFile: (file) => files.includes(file),
    ...extra,
  };
}

test("settings default when missing or of the wrong type", () => {
  assert.deepEqual(settings({}), { path: "", debounceMs: 50 });
  assert.deepEqual(settings({ path: 3, debounceMs: "soon" }), { path: "", debounceMs: 50 });
  assert.deepEqual(settings({ debounceMs: -1 }), { path: "", debounceMs: 50 });
  assert.deepEqual(settings({ path: "  /opt/ordinary  ", debounceMs: 120.4 }), {
    path: "/opt/ordinary",
    debounceMs: 120,
  });
});

test("ordinary is found on the PATH and started as a language server", () => {
  const found = launch(settings({}), environment(["/usr/bin/ordinary"]));
  assert.deepEqual(found, { ok: true, command: "/usr/bin/ordinary", args: ["lsp", "--debounce-ms", "50"] });
});

test("the first on the PATH wins", () => {
  const found = findOnPath("ordinary", environment(["/usr/bin/ordinary", "/usr/local/bin/ordinary"]));
  assert.equal(found, "/usr/local/bin/ordinary");
});

test("on Windows, PATH is split on ; and PATHEXT is tried", () => {
  const env = environment(["C:\\Tools\\ordinary\\ordinary.exe"], {
    platform: "win32",
    pathVariable: 'C:\\Windows;"C:\\Tools\\ordinary";',
    pathExt: ".COM;.EXE;.BAT",
  });
  assert.equal(findOnPath("ordinary", env), "C:\\Tools\\ordinary\\ordinary.exe");
});

test("a configured path is used, relative to the workspace folder", () => {
  const env = environment(["/home/ana/project/bin/ordinary"], { workspaceFolder: "/home/ana/project" });
  const found = launch(settings({ path: "bin/ordinary", debounceMs: 10 }), env);
  assert.deepEqual(found, {
    ok: true,
    command: "/home/ana/project/bin/ordinary",
    args: ["lsp", "--debounce-ms", "10"],
  });
});

test("a configured Windows path with a drive letter and spaces is used as it is", () => {
  const exe = "C:\\Program Files\\ordinary\\ordinary.exe";
  const env = environment([exe], { platform: "win32", workspaceFolder: "D:\\Policies" });
  const found = launch(settings({ path: exe }), env);
  assert.equal(found.ok && found.command, exe);
});

test("a configured path with nothing there says so, and does not fall back", () => {
  const found = launch(settings({ path: "/opt/nowhere/ordinary" }), environment(["/usr/bin/ordinary"]));
  assert.equal(found.ok, false);
  assert.match(!found.ok ? found.message : "", /ordinary\.path is set to \/opt\/nowhere\/ordinary/);
});

test("nothing on the PATH says how to install it", () => {
  const found = launch(settings({}), environment([]));
  assert.equal(found.ok, false);
  assert.match(!found.ok ? found.message : "", /not found on your PATH/);
});

test("the real environment finds an executable file and skips one that is not", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ordinary-vscode-"));
  const program = path.join(folder, "ordinary");
  fs.writeFileSync(program, "#!/bin/sh\n");
  const env = { ...currentEnvironment(), pathVariable: folder };
  if (process.platform !== "win32") {
    fs.chmodSync(program, 0o644);
    assert.equal(findOnPath("ordinary", env), undefined);
    fs.chmodSync(program, 0o755);
    assert.equal(findOnPath("ordinary", env), program);
  }
  fs.rmSync(folder, { recursive: true });
});
