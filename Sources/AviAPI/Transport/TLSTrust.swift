import Foundation

/// How the transport decides to trust the controller's certificate.
public struct TLSTrust: Sendable, Equatable {
    /// A PEM bundle of CAs to trust instead of the system store.
    public var caFile: String?
    /// Public-key pins, `sha256//BASE64` each; any one must match.
    public var pins: [String]
    /// Skip verification entirely (the console then keeps a red banner on screen).
    public var insecure: Bool

    public init(caFile: String? = nil, pins: [String] = [], insecure: Bool = false) {
        self.caFile = caFile
        self.pins = pins
        self.insecure = insecure
    }

    /// The system trust store, verified.
    public static let system = TLSTrust()

    /// A one-line description of what is trusted, for `doctor` and the header.
    public var summary: String {
        var parts: [String] = []
        if insecure { parts.append("NOT VERIFIED (--insecure)") }
        else if let caFile { parts.append("CA file \(caFile)") }
        else { parts.append("system trust store") }
        if !pins.isEmpty { parts.append("public-key pin") }
        return parts.joined(separator: " + ")
    }

    /// Checks a `--pin` value: `sha256//` followed by the base64 of a 32-byte digest.
    public static func validatePin(_ pin: String) -> Bool {
        guard pin.hasPrefix("sha256//") else { return false }
        let encoded = String(pin.dropFirst("sha256//".count))
        guard let bytes = Data(base64Encoded: encoded) else { return false }
        return bytes.count == 32
    }
}

/// Timeouts and limits of the transport.
public struct TransportLimits: Sendable, Equatable {
    public var connectTimeout: TimeInterval
    public var requestTimeout: TimeInterval
    /// Bodies above this are refused with `AviError.responseTooLarge`.
    public var maxResponseBytes: Int

    public init(connectTimeout: TimeInterval = 5, requestTimeout: TimeInterval = 30, maxResponseBytes: Int = 256 << 20) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
    }
}
