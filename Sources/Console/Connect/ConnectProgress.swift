import AviAPI
import Foundation

/// What the console's connecting screen shows while the first login runs: where, who, which
/// attempt, why the last one failed, when the next starts, and the timeouts in force.
public struct ConnectProgress: Sendable, Equatable {
    /// The address tried first (as given, without credentials).
    public var controller: String
    public var username: String
    /// 1 for the first login; counts every attempt, the one running or waited for included.
    public var attempt = 1
    /// When the running attempt started (nil while waiting for the next).
    public var attemptStarted: Date?
    /// Why the previous attempt failed, in the operator's words.
    public var lastFailure: String?
    /// When the next attempt starts (set only while waiting between attempts).
    public var nextAttempt: Date?
    /// Seconds: TCP + TLS must complete within `connectTimeout`, an answer within `requestTimeout`.
    public var connectTimeout: TimeInterval
    public var requestTimeout: TimeInterval

    public init(controller: String, username: String, connectTimeout: TimeInterval, requestTimeout: TimeInterval) {
        self.controller = controller
        self.username = username
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }
}

/// `ConnectProgress` shared between the login task (writes) and the UI thread (reads).
public final class ConnectProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ConnectProgress

    public init(_ value: ConnectProgress) { self.value = value }

    public var current: ConnectProgress { lock.withLock { value } }

    public func update(_ change: (inout ConnectProgress) -> Void) { lock.withLock { change(&value) } }
}

/// The console's first login: tried again while the controller does not answer (a leader
/// change makes the API vanish for minutes), never when it answered no.
public enum ConnectRetry {
    /// The first wait; it doubles after each failure up to `maxDelay` (seconds).
    public static let firstDelay: TimeInterval = 2
    public static let maxDelay: TimeInterval = 30

    /// Whether the controller did not answer at all (worth waiting for), as opposed to
    /// answering no (credentials, trust, configuration: not).
    public static func isWorthWaiting(_ error: AviError) -> Bool {
        switch error {
        case .unreachable, .timeout, .connectTimeout, .connectionLost, .serverUnavailable: return true
        case let .allControllersFailed(errors): return !errors.isEmpty && errors.allSatisfy(isWorthWaiting)
        default: return false
        }
    }

    /// The wait after `failures` failed attempts: 2, 4, 8, 16, 30, 30… seconds.
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        min(maxDelay, firstDelay * Double(1 << min(max(failures, 1) - 1, 5)))
    }

    /// Runs `open` until it succeeds or fails for a reason other than an unanswering
    /// controller, recording each attempt and wait in `progress`; waits on `clock`.
    /// Throws `open`'s error, or `CancellationError` when the task is cancelled while waiting.
    public static func run<T>(progress: ConnectProgressBox, clock: WallClock, _ open: () async throws -> T) async throws -> T {
        var failures = 0
        while true {
            let started = clock.now()
            progress.update {
                $0.attempt = failures + 1
                $0.attemptStarted = started
                $0.nextAttempt = nil
            }
            do { return try await open() } catch let error as AviError where isWorthWaiting(error) {
                failures += 1
                let next = clock.now().addingTimeInterval(delay(afterFailures: failures))
                progress.update {
                    $0.lastFailure = error.description
                    $0.attemptStarted = nil
                    $0.nextAttempt = next
                    $0.attempt = failures + 1
                }
                try await clock.sleep(until: next)
            }
        }
    }
}
