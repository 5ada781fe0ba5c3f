import Foundation

/// How a simulated controller is set up: persona, scale, seed, faults.
public struct SimulatorOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// Emulated controller release; cookies and fields follow REFERENCE.md
    /// (31.2.x, 30.2.x, 22.1.x, 20.1.x, 18.2.x and 17.2.x personas).
    public var version = "31.2.1"
    public var seed: UInt64 = 1
    public var serviceEngines = 12
    /// Certificates beyond the `System-Default-*` ones.
    public var certificates = 40
    public var alerts = 200
    /// Reference "now" for generated data and expiry dates; nil = real clock.
    public var now: Date? = nil
    /// A new alert every N seconds; nil = none.
    public var alertInterval: TimeInterval? = 5
    public var enforceSecureChannelChecks = false
    /// How SEs and follower nodes answer a new secure-channel certificate.
    public var secureChannelReaction: SecureChannelReaction = .ok
    /// Seconds between two controller heartbeats (10 on a real controller, REFERENCE.md §8.1);
    /// smaller values make the re-authentication and the 6-missed-heartbeats rule fast for tests.
    public var heartbeatSeconds: TimeInterval = 10
    public var latency: TimeInterval = 0
    public var sessionIdleTimeout: TimeInterval = 15 * 60
    public var username = "admin"
    /// Default: a random password from the system RNG (never from the seed).
    public var password: String = SecretGenerator.password()
    /// A user whose role only has READ_ACCESS; nil = no such user.
    public var readOnlyUser: (username: String, password: String)? = ("monitor", SecretGenerator.password())
    /// Where ca.pem is written; nil = a fresh temporary directory.
    public var stateDirectory: URL? = nil
    /// Status for requests with a missing or expired session: 401 (default) or
    /// 419, Avi's own "session expired" code, to exercise client handling.
    public var unauthenticatedStatus = 401
    /// Whether `/api/initial-data` and `/api/cluster/runtime` answer without a session.
    public var allowUnauthenticatedProbes = true
    /// Serve `/_simulator/…` (stats, reset, mapping status) for benchmarks; off by default.
    public var controlEndpoints = false

    public init() {}
}

/// Where a started simulator listens and how to trust and log in to it.
public struct SimulatorEndpoint: Sendable {
    /// `https://127.0.0.1:PORT`
    public let url: URL
    public let port: Int
    public let caFile: URL
    public let caPEM: String
    public let username: String
    public let password: String
    public let readOnlyUsername: String
    public let readOnlyPassword: String
    /// `sha256//BASE64` of the server certificate's SubjectPublicKeyInfo.
    public let controllerPublicKeyPin: String
}

/// One request as the simulator saw it (secrets masked).
public struct RecordedRequest: Sendable, Codable {
    public let method: String
    public let path: String
    public let query: String
    public let body: String
    /// 0 when the connection was dropped without an answer.
    public let status: Int
    public let time: Date
    public let user: String?
}

/// Errors thrown by the simulator's public API.
public enum SimulatorError: Error, CustomStringConvertible {
    case notStarted
    case alreadyStarted
    case certificateGeneration(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .notStarted: return "the simulator has not been started"
        case .alreadyStarted: return "the simulator is already running"
        case .certificateGeneration(let why): return "could not generate certificates: \(why)"
        case .cannotWrite(let why): return "could not write: \(why)"
        }
    }
}
