import Foundation

/// Everything that can go wrong talking to a controller, each with a message an operator can act on.
public enum AviError: Error, Sendable, Equatable, CustomStringConvertible {
    /// DNS failure, refused connection, or no route.
    case unreachable(host: String, detail: String)
    case timeout(host: String, seconds: Int)
    /// The certificate chain did not verify.
    case untrustedCertificate(host: String, detail: String)
    case pinMismatch(host: String)
    case tlsFailure(host: String, detail: String)
    case connectionLost(host: String, detail: String)
    case responseTooLarge(path: String, limit: Int)
    case loginFailed(host: String, status: Int)
    case sessionExpired(host: String)
    case forbidden(path: String, message: String)
    case notFound(path: String)
    case conflict(path: String, message: String)
    /// 412: the object changed since it was read.
    case concurrentModification(path: String)
    case badRequest(path: String, message: String)
    case serverUnavailable(host: String, status: Int)
    case serverError(path: String, status: Int, message: String)
    case malformedResponse(path: String, detail: String)
    /// The write guard refused the request before anything was sent.
    case readOnly(method: String, path: String)
    case protectedObject(method: String, name: String)
    case invalidConfiguration(String)
    case allControllersFailed([AviError])

    public var description: String {
        switch self {
        case let .unreachable(host, detail):
            let port = host.split(separator: ":").last.flatMap { Int($0) } ?? 443
            return "cannot reach \(host): \(detail) — check the address and that port \(port) is open"
        case let .timeout(host, seconds):
            return "\(host) did not answer within \(seconds) s — the controller may be overloaded or the network slow"
        case let .untrustedCertificate(host, detail):
            return "the certificate of \(host) is not trusted (\(detail)) — pass --ca-file or --pin"
        case let .pinMismatch(host):
            return "the public key of \(host) does not match --pin — the certificate changed or this is not the controller"
        case let .tlsFailure(host, detail):
            return "TLS handshake with \(host) failed: \(detail)"
        case let .connectionLost(host, detail):
            return "the connection to \(host) was lost: \(detail)"
        case let .responseTooLarge(path, limit):
            return "the answer to \(path) is larger than \(limit / (1 << 20)) MB — refused; narrow the request or raise the limit"
        case let .loginFailed(host, status):
            return "login to \(host) failed (\(status)): wrong username or password"
        case let .sessionExpired(host):
            return "the session on \(host) expired and logging in again failed"
        case let .forbidden(path, message):
            return "the controller refused \(path) (403): \(message.isEmpty ? "the user lacks the permission" : message)"
        case let .notFound(path):
            return "\(path) does not exist on this controller (404)"
        case let .conflict(path, message):
            return "\(path): \(message)"
        case let .concurrentModification(path):
            return "\(path) was changed by someone else since it was read (412) — nothing was overwritten; read it again"
        case let .badRequest(path, message):
            return "the controller rejected \(path) (400): \(message)"
        case let .serverUnavailable(host, status):
            return "\(host) answered \(status) — the cluster may be restarting after a leader change; retrying"
        case let .serverError(path, status, message):
            return "\(path) failed on the controller (\(status))\(message.isEmpty ? "" : ": \(message)")"
        case let .malformedResponse(path, detail):
            return "the controller's answer to \(path) is not valid: \(detail)"
        case let .readOnly(method, path):
            return "read-only mode: \(method) \(path) refused before sending"
        case let .protectedObject(method, name):
            return "refused: \(method) on \(name) — System-Default-* objects are never modified by avitui"
        case let .invalidConfiguration(message):
            return message
        case let .allControllersFailed(errors):
            if errors.count == 1, let only = errors.first { return only.description }
            return "no controller address worked: " + errors.map(\.description).joined(separator: "; ")
        }
    }

    /// Errors after which another controller address may work.
    public var isAddressLevel: Bool {
        switch self {
        case .unreachable, .timeout, .connectionLost, .serverUnavailable, .tlsFailure: return true
        default: return false
        }
    }
}
