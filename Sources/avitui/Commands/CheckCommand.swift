import AviAPI
import ArgumentParser
import Console
import Foundation

/// `avitui check certs|cluster|secure-channel`: monitoring-plugin output (one status line,
/// performance data after `|`, long output below) and exit statuses 0 OK, 1 WARNING,
/// 2 CRITICAL, 3 UNKNOWN, for Nagios, Icinga, Zabbix, Sensu and friends.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Monitoring-plugin checks: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        discussion: """
            Each check prints one status line, such as "AVI CERTS WARNING - 2 certificates expire within \
            30 days: a (12 d), b (25 d)", then performance data after '|', then one line per problem. \
            UNKNOWN (3) when the \
            controller cannot be reached, refuses the login, does not answer within --timeout, or answers \
            nonsense. Checks only read, whatever the options say.
            """,
        subcommands: [CertificatesCheckCommand.self, ClusterCheckCommand.self, SecureChannelCheckCommand.self])
}

/// Options every check takes besides the connection.
struct CheckOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Give up with UNKNOWN after this many seconds (default 30).", valueName: "SECONDS"))
    var timeout: Double = 30
}
