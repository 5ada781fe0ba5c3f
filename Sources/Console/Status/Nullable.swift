/// An optional that is encoded as `null` when it has no value, instead of leaving its key
/// out as synthesized `Encodable` does: every key of the `status --json` contract is present,
/// so a script can tell "unknown" (`null`) from a missing field.
@propertyWrapper
public struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
