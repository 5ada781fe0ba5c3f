import Console
import Foundation

/// What is known about one cluster at one moment: its label, the newest snapshot (nil until
/// the first login), and — when it cannot be read at all — why.
public struct ClusterReading: Sendable {
    /// The `cluster` label: the profile name, or the controller's host without a profile.
    public var cluster: String
    public var snapshot: Snapshot?
    /// A cluster-level failure (login refused, unreachable, untrusted), nil while reads go on.
    public var error: String?

    public init(cluster: String, snapshot: Snapshot?, error: String? = nil) {
        self.cluster = cluster
        self.snapshot = snapshot
        self.error = error
    }

    /// The probe succeeded: no cluster-level error, and the latest attempt of every resource
    /// read it. A partly readable controller is a failed probe; each resource's own
    /// `avitui_last_success_timestamp_seconds` tells which part is stale.
    public var isUp: Bool {
        guard error == nil, let snapshot else { return false }
        return snapshot.resourceStates.allSatisfy { $0.fetchedAt != nil && $0.error == nil }
    }

    /// The first reason the probe failed, for the log line of a state change.
    public var failure: String? {
        if let error { return error }
        guard let snapshot else { return "not read yet" }
        if let broken = snapshot.resourceStates.first(where: { $0.error != nil }) {
            return "\(broken.name): \(broken.error ?? "")"
        }
        if let unread = snapshot.resourceStates.first(where: { $0.fetchedAt == nil }) { return "\(unread.name): not read yet" }
        return nil
    }
}

/// The `cluster` label for a connection without a profile: the controller's host
/// (`https://10.0.0.5:443` → `10.0.0.5`).
public enum ClusterLabel {
    public static func forController(_ controller: String) -> String {
        if let host = URLComponents(string: controller)?.host, !host.isEmpty { return host }
        return controller
    }
}
