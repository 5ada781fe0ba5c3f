import ArgumentParser
import Console

/// `avitui check certs`.
struct CertificatesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "CRITICAL when a certificate has expired or expires within --critical days, WARNING within --warning days.",
        discussion: """
            Days left are counted from each certificate's not-after date, rounded down. Each certificate \
            is counted once in the performance data: expired, within_<critical>d, within_<warning>d; \
            min_days_left is the soonest expiry. Patterns are shell globs (*, ?, [a-z]) matched against \
            the certificate name, case-sensitively; --include and --exclude may be repeated.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var check: CheckOptions
    @OptionGroup var fleet: FleetOptions

    @Option(name: [.short, .long], help: ArgumentHelp("WARNING when a certificate expires within DAYS (default 30).", valueName: "DAYS"))
    var warning: Int = 30

    @Option(name: [.short, .long], help: ArgumentHelp("CRITICAL when a certificate expires within DAYS or has expired (default 7).", valueName: "DAYS"))
    var critical: Int = 7

    @Option(name: .long, help: ArgumentHelp("Check only certificates whose name matches PATTERN (repeatable).", valueName: "PATTERN"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp("Skip certificates whose name matches PATTERN (repeatable).", valueName: "PATTERN"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Check only certificates in use: by the portal, the secure channel or a virtual service.")
    var inUse = false

    func run() async throws {
        let certificateCheck = CertificateCheck(warningDays: warning, criticalDays: critical,
                                                filter: NameFilter(include: include, exclude: exclude), inUseOnly: inUse)
        if let problem = certificateCheck.validate() {
            try CheckRunner.finish(.unknown(CertificateCheck.service, problem))
        }
        try await CheckRunner.run(.certificates, service: CertificateCheck.service, connection: connection, options: check, fleet: fleet) {
            certificateCheck.evaluate($0, now: $1)
        }
    }
}
