import ArgumentParser
import Console

/// `avitui check secure-channel`.
struct SecureChannelCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secure-channel",
        abstract: "WARNING/CRITICAL by the number of secure-channel mappings not authenticated.",
        discussion: """
            Thresholds use the monitoring-plugin range syntax: N alerts above N, N: below N, @A:B inside A..B. \
            The defaults, --warning 0 --critical 2, mean WARNING when any mapping (Service Engine or \
            controller node) is not authenticated and CRITICAL when more than two are. Mappings marked \
            for deletion are ignored.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var check: CheckOptions
    @OptionGroup var fleet: FleetOptions

    @Option(name: [.short, .long], help: ArgumentHelp("WARNING range for the count not authenticated (default 0).", valueName: "RANGE"))
    var warning = "0"

    @Option(name: [.short, .long], help: ArgumentHelp("CRITICAL range for the count not authenticated (default 2).", valueName: "RANGE"))
    var critical = "2"

    func run() async throws {
        let service = SecureChannelCheck.service
        guard let warningRange = ThresholdRange(parsing: warning) else {
            try CheckRunner.finish(.unknown(service, "--warning '\(warning)' is not a range — use N, N:, ~:N, A:B or @A:B"))
        }
        guard let criticalRange = ThresholdRange(parsing: critical) else {
            try CheckRunner.finish(.unknown(service, "--critical '\(critical)' is not a range — use N, N:, ~:N, A:B or @A:B"))
        }
        let channelCheck = SecureChannelCheck(warning: warningRange, critical: criticalRange)
        try await CheckRunner.run(.secureChannel, service: service, connection: connection, options: check, fleet: fleet) {
            channelCheck.evaluate($0, now: $1)
        }
    }
}
