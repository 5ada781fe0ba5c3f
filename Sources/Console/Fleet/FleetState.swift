import AviAPI
import Foundation

/// Why a cluster could not be read, in the words of a fleet row.
public enum FleetFailure: String, Sendable, Equatable {
    /// The profile could not be turned into settings (no controller, no password file, …).
    case configuration
    /// The login was refused for its credentials: never retried with the same password.
    case loginRefused
    /// The controller's certificate is not trusted (or does not match the pin).
    case untrusted
    /// No answer: refused connection, DNS, no route, timeout.
    case unreachable
    /// 502/503/504, as during a leader failover.
    case unavailable
    /// Anything else (an unexpected answer, a permission refused).
    case failed

    /// Short text for the fleet row's state column.
    public var label: String {
        switch self {
        case .configuration: return "config error"
        case .loginRefused: return "login refused"
        case .untrusted: return "not trusted"
        case .unreachable: return "unreachable"
        case .unavailable: return "unavailable"
        case .failed: return "read failed"
        }
    }

    /// Whether the poller stops trying: a refused password is never sent again (account
    /// lockout), and a configuration problem needs the file fixed.
    public var isFinal: Bool { self == .loginRefused || self == .configuration }

    /// Classifies an error thrown while reading a cluster.
    public static func of(_ error: Error) -> FleetFailure {
        guard let error = error as? AviError else { return .failed }
        switch error {
        case .loginFailed: return .loginRefused
        case .untrustedCertificate, .pinMismatch, .tlsFailure: return .untrusted
        case .unreachable, .timeout, .connectionLost: return .unreachable
        case .serverUnavailable: return .unavailable
        case .invalidConfiguration: return .configuration
        case let .allControllersFailed(errors):
            let kinds = errors.map(FleetFailure.of)
            for kind in [FleetFailure.loginRefused, .untrusted, .unavailable, .unreachable] where kinds.contains(kind) { return kind }
            return kinds.first ?? .unreachable
        default: return .failed
        }
    }
}

/// One cluster as the fleet knows it: the last good reading with its time, and the last
/// failure with its reason and the next attempt. A failure never drops the last reading.
public struct FleetEntry<Output: Sendable>: Sendable {
    public var profile: ControllerProfile
    public var value: Output?
    /// When `value` was read (the age of the last good data).
    public var fetchedAt: Date?
    public var failure: FleetFailure?
    /// Why the last attempt failed (nil after a success).
    public var error: String?
    public var failedAt: Date?
    public var nextAttempt: Date?
    /// Failures in a row (the back-off grows with it).
    public var failures: Int
    /// The session's view once logged in: controller address, release, user, read-only.
    public var connection: ConnectionInfo?

    public init(profile: ControllerProfile) {
        self.profile = profile
        self.failures = 0
    }

    public var name: String { profile.name }

    /// Seconds since the last good reading, nil when there never was one.
    public func age(now: Date) -> TimeInterval? { fetchedAt.map { now.timeIntervalSince($0) } }

    /// Neither read nor failed yet.
    public var isLoading: Bool { fetchedAt == nil && error == nil }

    /// The same entry with its reading transformed (a `Snapshot` to its `ClusterSummary`).
    public func mapValue<T: Sendable>(_ transform: (Output) -> T) -> FleetEntry<T> {
        var entry = FleetEntry<T>(profile: profile)
        entry.value = value.map(transform)
        entry.fetchedAt = fetchedAt
        entry.failure = failure
        entry.error = error
        entry.failedAt = failedAt
        entry.nextAttempt = nextAttempt
        entry.failures = failures
        entry.connection = connection
        return entry
    }
}

/// The whole fleet at one moment, in profile-name order (`FleetOrder` sorts it worst first).
public struct FleetState<Output: Sendable>: Sendable {
    public var entries: [FleetEntry<Output>]
    /// Increases with every publication, so views can tell whether anything changed.
    public var generation = 0

    public init(entries: [FleetEntry<Output>]) { self.entries = entries }

    public func entry(named name: String) -> FleetEntry<Output>? { entries.first { $0.name == name } }
}

/// Holds the newest `FleetState`; the poller publishes into it, screens and commands read
/// copies without waiting on any network.
public final class FleetStore<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var current: FleetState<Output>

    public init(profiles: [ControllerProfile]) {
        current = FleetState(entries: profiles.map { FleetEntry(profile: $0) })
    }

    public func latest() -> FleetState<Output> {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Changes one cluster's entry and bumps the generation.
    public func update(_ name: String, _ change: (inout FleetEntry<Output>) -> Void) {
        lock.lock()
        if let index = current.entries.firstIndex(where: { $0.name == name }) { change(&current.entries[index]) }
        current.generation += 1
        lock.unlock()
    }
}
