import AviAPI

/// Why the workflow cannot start or go on, each a line an operator can act on.
public enum RotationError: Error, Sendable, Equatable, CustomStringConvertible {
    case readOnly(reason: String)
    case noSecureChannelConfiguration(version: String?)
    case unknownCertificate(String, usable: [String] = [])
    case notAllowed(step: RotationStep, why: String)
    case confirmationMismatch(expected: String)
    case notInteractive(what: String)
    case unverifiedController(what: String)

    public var description: String {
        switch self {
        case let .readOnly(reason):
            return "the rotation changes the controller and this session is read-only (\(reason)) — nothing was sent; connect as a user who can write the system configuration, without --read-only"
        case let .noSecureChannelConfiguration(version):
            return "the controller returned no secure_channel_configuration (X-Avi-Version \(version ?? "?")) — use --api-version 18.2.1 or newer"
        case let .unknownCertificate(name, usable):
            let shown = usable.prefix(5).map(SafeText.sanitize).joined(separator: ", ") + (usable.count > 5 ? ", … (\(usable.count) in all)" : "")
            let list = usable.isEmpty ? "none is usable" : "usable: \(shown)"
            return "no certificate named \(SafeText.sanitize(name)) on the controller — \(list) (the console's Certificates screen lists them all); or import one with --cert/--key"
        case let .notAllowed(step, why):
            return "step \(step.rawValue) (\(step.title)): \(why)"
        case let .confirmationMismatch(expected):
            return "the text typed is not '\(SafeText.sanitize(expected))' — nothing was sent"
        case let .unverifiedController(what):
            return "\(what) needs a controller whose identity was verified: --insecure checks nothing, so the key could go to anyone — use --ca-file PATH or --pin sha256//…; nothing was sent"
        case let .notInteractive(what):
            return "\(what) needs a terminal to type the confirmation — run on a terminal, or pass --yes"
        }
    }
}
