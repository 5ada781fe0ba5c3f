/// The outcome of one check, printed as a monitoring plugin prints it:
/// `AVI CERTS WARNING - 2 certificates expire within 30 days: a (12 d), b (25 d) | expired=0;;;0 …`
/// then, on the following lines, the long output (one problem per line).
public struct CheckResult: Sendable, Equatable {
    /// `CERTS`, `CLUSTER`, `SECURE-CHANNEL`.
    public var service: String
    public var status: PluginStatus
    public var summary: String
    public var perfData: [PerfDatum]
    public var details: [String]

    public init(service: String, status: PluginStatus, summary: String, perfData: [PerfDatum] = [], details: [String] = []) {
        self.service = service
        self.status = status
        self.summary = summary
        self.perfData = perfData
        self.details = details
    }

    /// The first line: what Nagios shows and what most notifications carry.
    public var statusLine: String {
        let text = "AVI \(service) \(status.label) - " + Self.clean(summary)
        guard !perfData.isEmpty else { return text }
        return text + " | " + perfData.map(\.text).joined(separator: " ")
    }

    /// The whole output: the status line, then the long output, newline-terminated.
    public var output: String {
        ([statusLine] + details.map(Self.clean)).joined(separator: "\n") + "\n"
    }

    /// `|` separates perfdata and a newline ends the line, so neither may appear in text;
    /// controller strings are made safe as everywhere else.
    static func clean(_ text: String) -> String {
        SafeText.sanitize(text).replacingOccurrences(of: "|", with: "/")
    }

    /// The check could not be made: the controller could not be reached or answered nonsense.
    public static func unknown(_ service: String, _ reason: String) -> CheckResult {
        CheckResult(service: service, status: .unknown, summary: reason)
    }
}
