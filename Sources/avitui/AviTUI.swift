import ArgumentParser
import Foundation
import TerminalUI

/// The root command. With no subcommand it opens the interactive console.
@main
struct AviTUI: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "avitui",
        abstract: "A terminal operations console for VMware Avi Load Balancer controller clusters.",
        discussion: """
            Connection options also come from the environment: AVI_CONTROLLER, AVI_USERNAME, AVI_PASSWORD, \
            AVI_TENANT, AVI_API_VERSION, AVI_CA_FILE. The password is never taken as an argument: use AVI_PASSWORD, \
            --password-file or the prompt. See avitui(1).
            """,
        version: version,
        subcommands: [ConsoleCommand.self, FleetCommand.self, DemoCommand.self, StatusCommand.self, RotateCommand.self, CheckCommand.self, AlertsCommand.self, DoctorCommand.self, ExporterCommand.self, SimCommand.self, BenchRenderCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )

    /// The parser's own `main`, except that a rejected `check` command line becomes a
    /// monitoring-plugin UNKNOWN (see CheckUsage); every other command behaves as the parser does.
    static func main() async {
        ProcessHardening.harden()
        // A closed pipe is an EPIPE on that write (Output ends quietly), never a death by
        // signal: in the console that death would leave the terminal raw.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            CheckUsage.exitIfRejected(arguments, error: error)
            exit(withError: error)
        }
        CheckUsage.exitIfNoCheckNamed(arguments, parsed: command)
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            TerminalLifecycle.exitNow(report(error))
        }
        TerminalLifecycle.exitNow(ExitStatus.ok.rawValue)
    }

    /// What the parser's `exit(withError:)` prints (help and version on stdout, errors on
    /// stderr), without its `exit`: the caller ends the process through TerminalLifecycle.exitNow.
    /// - Returns: the exit status for `error`.
    private static func report(_ error: Error) -> Int32 {
        let status = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            let line = Data((message.hasSuffix("\n") ? message : message + "\n").utf8)
            if status.isSuccess { FileHandle.standardOutput.write(line) } else { FileHandle.standardError.write(line) }
        }
        return status.rawValue
    }
}
