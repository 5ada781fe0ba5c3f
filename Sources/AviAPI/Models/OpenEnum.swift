/// A controller enum that survives a newer controller: values this build does not know
/// are kept as their raw string and shown as such, never rejected.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
    /// The values this build knows about, in a sensible display order.
    static var known: [Self] { get }
}

extension OpenEnum {
    public var isKnown: Bool { Self.known.contains(self) }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw value without a common prefix, for narrow columns (`SECURE_CHANNEL_AUTH_SSH_SUCCESS` → `AUTH_SSH_SUCCESS`).
    public func shortName(droppingPrefix prefix: String) -> String {
        rawValue.hasPrefix(prefix) ? String(rawValue.dropFirst(prefix.count)) : rawValue
    }
}
