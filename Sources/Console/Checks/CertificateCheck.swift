import AviAPI
import Foundation

/// `avitui check certs`: CRITICAL when a certificate has expired or expires within
/// `criticalDays`, WARNING within `warningDays`, else OK; UNKNOWN when the certificates
/// could not be read, or when no certificate checked (the secure-channel one included) has
/// an expiry date — an OK that rests on no date would be a verdict the data does not support.
public struct CertificateCheck: Sendable {
    public var warningDays: Int
    public var criticalDays: Int
    public var filter: NameFilter
    /// Only certificates something uses: the portal, the secure channel or a virtual service.
    public var inUseOnly: Bool

    public static let service = "CERTS"
    /// Names listed in the status line before "and N more"; the long output lists all.
    static let namesInSummary = 5
    static let detailLimit = 200

    public init(warningDays: Int = 30, criticalDays: Int = 7, filter: NameFilter = NameFilter(), inUseOnly: Bool = false) {
        self.warningDays = warningDays
        self.criticalDays = criticalDays
        self.filter = filter
        self.inUseOnly = inUseOnly
    }

    /// A problem with the options themselves, as one line.
    public func validate() -> String? {
        if warningDays < 0 || criticalDays < 0 { return "--warning and --critical are days and cannot be negative" }
        if criticalDays > warningDays { return "--critical (\(criticalDays) d) must not exceed --warning (\(warningDays) d)" }
        return nil
    }

    private struct Entry {
        var name: String
        var daysLeft: Int?
        var notAfter: Date?
        var usedFor: [String]
        var isSecureChannel: Bool
    }

    public func evaluate(_ snapshot: Snapshot, now: Date) -> CheckResult {
        guard let certificates = snapshot.certificates.value else {
            return .unknown(Self.service, "cannot read the certificates: \(snapshot.certificates.error ?? "no answer from the controller")")
        }
        if inUseOnly, snapshot.systemConfiguration.value == nil || snapshot.virtualServices.value == nil {
            let reason = snapshot.systemConfiguration.error ?? snapshot.virtualServices.error ?? "no answer from the controller"
            return .unknown(Self.service, "cannot tell which certificates are in use: \(reason)")
        }
        let usage = snapshot.certificateUsage
        let entries = certificates
            .filter { filter.accepts($0.name) }
            .map { Entry(name: $0.name, daysLeft: $0.daysLeft(now: now), notAfter: $0.notAfter, usedFor: usage.usedFor($0),
                         isSecureChannel: usage.isSecureChannel($0)) }
            .filter { !inUseOnly || !$0.usedFor.isEmpty }
        if entries.isEmpty, filter.isActive {
            return .unknown(Self.service, "no certificate matches --include/--exclude (\(certificates.count) on the controller)")
        }

        let sorted = entries.sorted { ($0.daysLeft ?? Int.max, $0.name) < ($1.daysLeft ?? Int.max, $1.name) }
        let expired = sorted.filter { ($0.daysLeft ?? 0) < 0 && $0.daysLeft != nil }
        let critical = sorted.filter { $0.daysLeft.map { $0 >= 0 && $0 <= criticalDays } ?? false }
        let warning = sorted.filter { $0.daysLeft.map { $0 > criticalDays && $0 <= warningDays } ?? false }
        let undated = sorted.filter { $0.daysLeft == nil }

        var parts: [String] = []
        if !expired.isEmpty {
            parts.append("\(Self.count(expired.count)) \(expired.count == 1 ? "has" : "have") expired: " + Self.names(expired, now: now))
        }
        if !critical.isEmpty {
            parts.append("\(Self.count(critical.count)) \(critical.count == 1 ? "expires" : "expire") within \(criticalDays) days: "
                         + Self.names(critical, now: now))
        }
        if !warning.isEmpty {
            parts.append("\(Self.count(warning.count)) \(warning.count == 1 ? "expires" : "expire") within \(warningDays) days: "
                         + Self.names(warning, now: now))
        }

        let status: PluginStatus = !expired.isEmpty || !critical.isEmpty ? .critical : !warning.isEmpty ? .warning : .ok
        let scope = filter.isActive || inUseOnly ? "\(entries.count) of \(certificates.count) certificates checked" : Self.count(entries.count)
        var summary: String
        if status == .ok {
            summary = entries.isEmpty ? "no certificates" : "\(scope), none expires within \(warningDays) days"
            if let next = sorted.first(where: { $0.daysLeft != nil }), let notAfter = next.notAfter {
                summary += "; next: \(next.name) in \(ExpiryText.distance(notAfter.timeIntervalSince(now)))"
            }
        } else {
            summary = parts.joined(separator: "; ")
        }
        if !undated.isEmpty { summary += "; \(undated.count) without an expiry date" }
        // Nothing dated, or the secure channel's own certificate undated: no date to judge by.
        let channelUndated = undated.filter(\.isSecureChannel)
        var unknown = status == .ok && !entries.isEmpty && undated.count == entries.count
        if status == .ok, let channel = channelUndated.first {
            unknown = true
            summary = "the secure-channel certificate \(channel.name) has no expiry date; " + summary
        } else if unknown {
            summary = "no certificate has an expiry date (\(Self.count(entries.count)) checked)"
        }

        var perfData = [
            PerfDatum("expired", expired.count),
            PerfDatum("within_\(criticalDays)d", critical.count),
            PerfDatum("within_\(warningDays)d", warning.count),
            PerfDatum("total", entries.count),
        ]
        if let soonest = sorted.first?.daysLeft {
            perfData.append(PerfDatum("min_days_left", soonest, warning: "\(warningDays):", critical: "\(criticalDays):", minimum: nil))
        }

        var details: [String] = []
        for entry in expired + critical + warning + undated {
            let level = entry.daysLeft == nil ? "UNKNOWN" : (entry.daysLeft ?? 0) <= criticalDays ? "CRITICAL" : "WARNING"
            var line = "\(level): \(entry.name) " + (entry.notAfter.map { ExpiryText.relative(notAfter: $0, now: now) } ?? "has no expiry date")
            if let notAfter = entry.notAfter { line += " (not after \(AviDate.rfc3339(notAfter)))" }
            if !entry.usedFor.isEmpty { line += ", used for \(entry.usedFor.joined(separator: ", "))" }
            details.append(line)
        }
        if details.count > Self.detailLimit {
            let rest = details.count - Self.detailLimit
            details = Array(details.prefix(Self.detailLimit)) + ["… and \(rest) more"]
        }
        return CheckResult(service: Self.service, status: unknown ? .unknown : status, summary: summary, perfData: perfData,
                           details: details)
    }

    private static func count(_ n: Int) -> String { n == 1 ? "1 certificate" : "\(n) certificates" }

    private static func names(_ entries: [Entry], now: Date) -> String {
        var listed = entries.prefix(namesInSummary).map { entry in
            "\(entry.name) (\(entry.notAfter.map { ExpiryText.short(notAfter: $0, now: now) } ?? "no date"))"
        }.joined(separator: ", ")
        if entries.count > namesInSummary { listed += " and \(entries.count - namesInSummary) more" }
        return listed
    }
}
