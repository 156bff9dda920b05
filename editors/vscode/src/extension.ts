// The VS Code side: starts `ordinary lsp` for Markdown and plain text,
// and restarts it when its settings change. Finding the program is in
// server.ts, tested without VS Code.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

import { currentEnvironment, launch, readSettings } from "./server";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("ordinary.restart", () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("ordinary.path") || event.affectsConfiguration("ordinary.debounceMs")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const settings = readSettings(vscode.workspace.getConfiguration("ordinary"));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = launch(settings, currentEnvironment(folder));
  if (!found.ok) {
    void vscode.window.showErrorMessage(found.message);
    return;
  }
  const serverOptions: ServerOptions = {
    command: found.command,
    args: found.args,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
  };
  client = new LanguageClient("ordinary", "ordinary", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    void vscode.window.showErrorMessage(`ordinary lsp did not start (${found.command}): ${String(error)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
