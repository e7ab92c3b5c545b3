// derivlint for VS Code: starts `derivlint server` and connects it with
// vscode-languageclient. Plain JavaScript, so there is no build step.
"use strict";

const os = require("os");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

const SECTION = "derivlint";
const DEFAULT_COMMAND = ["derivlint", "server"];

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;

/** The `derivlint.*` settings the server reads (the same as its initializationOptions). */
function serverSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    diagnosticsScope: config.get("diagnosticsScope"),
    inlayHints: config.get("inlayHints"),
    select: config.get("select"),
    ignore: config.get("ignore"),
    extendSelect: config.get("extendSelect"),
    severity: config.get("severity"),
  };
}

/** `derivlint.server.command` with `${workspaceFolder}` and a leading `~` expanded. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration(SECTION).get("server.command");
  const command =
    Array.isArray(configured) && configured.length > 0 && configured.every((a) => typeof a === "string")
      ? configured
      : DEFAULT_COMMAND;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  return command.map((arg) => {
    let expanded = arg.split("${workspaceFolder}").join(folder);
    if (expanded === "~" || expanded.startsWith("~/")) {
      expanded = path.join(os.homedir(), expanded.slice(1));
    }
    return expanded;
  });
}

async function startClient() {
  const [command, ...args] = serverCommand();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const serverOptions = {
    command,
    args,
    // vscode-languageclient appends `--stdio`; `derivlint server` accepts it.
    transport: TransportKind.stdio,
    options: folder ? { cwd: folder } : {},
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { notebook: "jupyter-notebook", language: "python" },
    ],
    synchronize: { configurationSection: SECTION },
    initializationOptions: serverSettings(),
    outputChannel,
  };
  client = new LanguageClient(SECTION, "derivlint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    // Not awaited: a pending notification must not hold up a later restart.
    vscode.window
      .showErrorMessage(
        `derivlint: could not start the language server with ${JSON.stringify([command, ...args])}: ${error}. ` +
          "Install derivlint (pip install derivlint) or set derivlint.server.command.",
        "Open Settings",
      )
      .then((choice) => {
        if (choice === "Open Settings") {
          vscode.commands.executeCommand("workbench.action.openSettings", "derivlint.server.command");
        }
      });
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      outputChannel?.appendLine(`derivlint: error while stopping the server: ${error}`);
    }
  }
}

/** Restarts run one after another, so quick successive setting changes end with the last one. */
let restarting = Promise.resolve();
function restartClient() {
  restarting = restarting.then(async () => {
    await stopClient();
    await startClient();
  });
  return restarting;
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  outputChannel = vscode.window.createOutputChannel("derivlint");
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand("derivlint.restartServer", restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Other derivlint.* settings reach the running server through
      // workspace/didChangeConfiguration; only a new command needs a new process.
      if (event.affectsConfiguration(`${SECTION}.server.command`)) {
        restartClient();
      }
    }),
  );
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
