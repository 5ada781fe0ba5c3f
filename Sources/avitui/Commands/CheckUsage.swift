import ArgumentParser
import Console
import Foundation
import TerminalUI

/// A `check` command line the parser rejects is still a monitoring-plugin run: a monitoring
/// system shows the first line of stdout and reads the exit status, so a typo in its command
/// definition must be one UNKNOWN status line and exit 3, not a usage text and exit 64.
enum CheckUsage {
    static let checks: [(name: String, service: String)] = [
        ("certs", CertificateCheck.service), ("cluster", ClusterCheck.service), ("secure-channel", SecureChannelCheck.service),
    ]

    /// For a `check` command line only: ends the process with the UNKNOWN line when `error`
    /// is a usage error. Help and version requests and other commands return untouched.
    static func exitIfRejected(_ arguments: [String], error: Error) {
        guard arguments.first == "check", AviTUI.exitCode(for: error) != .success else { return }
        finish(result(arguments, parserMessage: AviTUI.message(for: error)))
    }

    /// `avitui check` with no check named would print help and exit 0 — OK to a monitoring system.
    static func exitIfNoCheckNamed(_ arguments: [String], parsed command: ParsableCommand) {
        guard command is CheckCommand, arguments.first == "check",
              !arguments.contains(where: { ["-h", "--help", "help"].contains($0) }) else { return }
        finish(result(arguments, parserMessage: nil))
    }

    /// The UNKNOWN result for a rejected `check` command line (arguments include `check`).
    static func result(_ arguments: [String], parserMessage: String?) -> CheckResult {
        let named = arguments.dropFirst().first
        let check = checks.first { $0.name == named }
        let service = check?.service ?? "CHECK"
        let choices = "use " + checks.map(\.name).dropLast().joined(separator: ", ") + " or " + (checks.last?.name ?? "")
        guard let check else {
            if let named, !named.hasPrefix("-") {
                return .unknown(service, "'\(named)' is not a check — \(choices)")
            }
            if let parserMessage {
                return .unknown(service, "\(clean(parserMessage)) — see 'avitui check --help'")
            }
            return .unknown(service, "no check named — \(choices), as in 'avitui check certs'")
        }
        // The parser reads `-w -5` as a missing value followed by an option `-5`.
        let negative = arguments.dropFirst(2).first { $0.range(of: #"^-[0-9]"#, options: .regularExpression) != nil }
        let reason = negative.map { "'\($0)' is negative: thresholds are 0 or more" } ?? clean(parserMessage ?? "bad arguments")
        return .unknown(service, "\(reason) — see 'avitui check \(check.name) --help'")
    }

    /// The parser's message as one line starting in lower case, as every avitui error does.
    static func clean(_ message: String) -> String {
        let oneLine = message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }
            .joined(separator: "; ")
        let trimmed = oneLine.hasPrefix("Error: ") ? String(oneLine.dropFirst(7)) : oneLine
        guard let first = trimmed.first else { return "bad arguments" }
        return first.lowercased() + trimmed.dropFirst()
    }

    private static func finish(_ result: CheckResult) -> Never {
        Output.out(result.output)
        TerminalLifecycle.exitNow(PluginStatus.unknown.exitCode)
    }
}
