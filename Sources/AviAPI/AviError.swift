import Foundation

/// Everything that can go wrong talking to a controller, each with a message an operator can act on.
public enum AviError: Error, Sendable, Equatable, CustomStringConvertible {
    /// DNS failure, refused connection, or no route.
    case unreachable(host: String, detail: String)
    /// The request was sent (or the connection reused) but no complete answer came within the request timeout.
    case timeout(host: String, seconds: Int)
    /// No connection within the connect timeout: TCP never connected, or (`tlsStarted`) the
    /// server accepted TCP but never completed the TLS handshake.
    case connectTimeout(host: String, seconds: Int, tlsStarted: Bool)
    /// The certificate chain did not verify.
    case untrustedCertificate(host: String, detail: String)
    case pinMismatch(host: String)
    case tlsFailure(host: String, detail: String)
    case connectionLost(host: String, detail: String)
    case responseTooLarge(path: String, limit: Int)
    case loginFailed(host: String, status: Int)
    /// The controller refused this password before: it is never sent again (an account lockout
    /// policy counts every refused login). A new password must be given.
    case passwordRefusedBefore(host: String)
    case sessionExpired(host: String)
    /// The controller kept answering 401 although each login succeeded: re-logins are capped.
    case reloginLimit(host: String, logins: Int, seconds: Int)
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
    /// The caller stopped waiting (the task was cancelled): not a controller fault.
    case cancelled
    case allControllersFailed([AviError])

    public var description: String {
        switch self {
        case let .unreachable(host, detail):
            let port = host.split(separator: ":").last.flatMap { Int($0) } ?? 443
            return "cannot reach \(host): \(detail) — check the address and that port \(port) is open"
        case let .timeout(host, seconds):
            return "\(host) did not answer within \(seconds) s (request timeout, --request-timeout) — the controller may be overloaded or the network slow"
        case let .connectTimeout(host, seconds, tlsStarted):
            if tlsStarted {
                return "\(host) accepted the connection but did not complete the TLS handshake within \(seconds) s (connect timeout, --connect-timeout) — is this port an HTTPS controller?"
            }
            return "no connection to \(host) within \(seconds) s (connect timeout, --connect-timeout) — check the address and that the port is open"
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
            return "login to \(host) refused (\(status)): wrong username or password — not retried with the same password"
        case let .passwordRefusedBefore(host):
            return "\(host) refused this password before — not sent again (an account lockout policy counts each try); give the new password"
        case let .sessionExpired(host):
            return "the session on \(host) expired and logging in again failed"
        case let .reloginLimit(host, logins, seconds):
            return "\(host) keeps rejecting the session right after each login (\(logins) logins in \(seconds) s) — stopped logging in; check the controller's session settings"
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
            return "\(host) answered \(status) — the cluster may be restarting after a leader change"
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
        case .cancelled:
            return "cancelled"
        case let .allControllersFailed(errors):
            if errors.count == 1, let only = errors.first { return only.description }
            return "no controller address worked: " + errors.map(\.description).joined(separator: "; ")
        }
    }

    /// Errors after which another controller address may work.
    public var isAddressLevel: Bool {
        switch self {
        case .unreachable, .timeout, .connectTimeout, .connectionLost, .serverUnavailable, .tlsFailure: return true
        default: return false
        }
    }

    /// The controller did not answer at all (no connection, no TLS, no reply): waiting may help.
    /// Answers such as 401, 403 or 400 are not.
    public var isUnreachable: Bool {
        switch self {
        case .unreachable, .timeout, .connectTimeout, .connectionLost, .tlsFailure: return true
        case let .allControllersFailed(errors): return !errors.isEmpty && errors.allSatisfy(\.isUnreachable)
        default: return false
        }
    }

    /// The user may not read this (403): asking again soon will not change it.
    public var isPermissionDenied: Bool {
        if case .forbidden = self { return true }
        return false
    }

    /// The controller refused the credentials: only a new password helps.
    public var isCredentialRefusal: Bool {
        switch self {
        case .loginFailed, .passwordRefusedBefore: return true
        case let .allControllersFailed(errors): return errors.contains(where: \.isCredentialRefusal)
        default: return false
        }
    }

    /// A leader change or restart in progress (502–504).
    public var isServerRestarting: Bool {
        switch self {
        case .serverUnavailable: return true
        case let .allControllersFailed(errors): return !errors.isEmpty && errors.allSatisfy { $0.isServerRestarting || $0.isUnreachable } && errors.contains(where: \.isServerRestarting)
        default: return false
        }
    }
}
