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
        try await CheckRunner.run(.certificates, service: CertificateCheck.service, connection: connection, options: check) {
            certificateCheck.evaluate($0, now: $1)
        }
    }
}

struct ClusterCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "CRITICAL without quorum (a majority of the nodes active), WARNING when a node is not active.",
        discussion: "Also WARNING while the cluster is not up (starting, processing, rebooting) even with quorum.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var check: CheckOptions

    func run() async throws {
        try await CheckRunner.run(.cluster, service: ClusterCheck.service, connection: connection, options: check) {
            ClusterCheck().evaluate($0, now: $1)
        }
    }
}

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
        try await CheckRunner.run(.secureChannel, service: service, connection: connection, options: check) {
            channelCheck.evaluate($0, now: $1)
        }
    }
}

/// Connects, reads what the check needs, evaluates, prints, and exits with the plugin status.
/// Every failure on the way is UNKNOWN with a one-line reason — never a stack of errors.
enum CheckRunner {
    static func run(_ kind: CheckKind, service: String, connection options: ConnectionOptions, options checkOptions: CheckOptions,
                    evaluate: @escaping @Sendable (Snapshot, Date) -> CheckResult) async throws {
        signal(SIGPIPE, SIG_IGN)
        let timeout = max(1, checkOptions.timeout)
        let work: @Sendable () async -> CheckResult = {
            do {
                let opened = try await ControllerConnection.open(options, forceReadOnly: true)
                let snapshot = await CheckFetch.snapshot(for: kind, client: opened.client, connection: opened.connection)
                await opened.client.session.logout()
                return evaluate(snapshot, Date())
            } catch let error as AviError {
                return .unknown(service, error.description)
            } catch let error as ConfigError {
                return .unknown(service, error.description)
            } catch {
                return .unknown(service, "\(error)")
            }
        }
        let result = await FirstResult.race(work, orAfter: timeout) {
            .unknown(service, "no answer from the controller within \(Int(timeout.rounded())) s")
        }
        try finish(result)
    }

    /// Prints the result and ends with its exit status.
    static func finish(_ result: CheckResult) throws -> Never {
        Output.out(result.output)
        throw ExitCode(result.status.exitCode)
    }
}

/// Whichever comes first: the work, or the fallback after a deadline. A libcurl call
/// cannot be cancelled mid-request, so the work is left behind rather than awaited.
enum FirstResult {
    static func race<T: Sendable>(_ work: @escaping @Sendable () async -> T, orAfter seconds: Double,
                                  fallback: @escaping @Sendable () -> T) async -> T {
        let once = ResumeOnce<T>()
        return await withCheckedContinuation { continuation in
            once.set(continuation)
            Task { once.resume(await work()) }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                once.resume(fallback())
            }
        }
    }
}

/// Resumes a continuation exactly once, from whichever task gets there first.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    func set(_ continuation: CheckedContinuation<T, Never>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: T) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(returning: value)
    }
}
