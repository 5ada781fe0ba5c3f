import Foundation

/// A field the simulator serves wrongly typed or leaves out, to prove that one odd field the
/// console never shows (or an SE without a name) costs at most that field: real controllers
/// differ between releases, and objects edited by hand or by other tools can hold anything.
public struct FieldFault: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// Served with another JSON type: a string becomes a number, a number or bool a string,
        /// an array a string, an object a number.
        case mistype
        /// Left out of the object.
        case remove
    }

    /// Answers whose path starts with this (`/login`, `/api/serviceengine`).
    public var pathPrefix: String
    /// Dotted path inside each object (`controller.api_idle_timeout`, `name`).
    public var field: String
    public var change: Change
    /// In a collection, only the first object on each page; otherwise every object.
    public var firstOnly: Bool

    public init(pathPrefix: String, field: String, change: Change = .mistype, firstOnly: Bool = true) {
        self.pathPrefix = pathPrefix
        self.field = field
        self.change = change
        self.firstOnly = firstOnly
    }

    func applies(to path: String) -> Bool { path.hasPrefix(pathPrefix) }

    /// Changes the field in an object, or in the objects of a collection envelope.
    func apply(to body: JSON) -> JSON {
        let path = field.split(separator: ".").map(String.init)
        guard case .array(var results)? = body["results"] else { return change(body, at: path) }
        for index in results.indices where !firstOnly || index == 0 { results[index] = change(results[index], at: path) }
        var envelope = body
        envelope["results"] = .array(results)
        return envelope
    }

    private func change(_ object: JSON, at path: [String]) -> JSON {
        guard let current = object.value(at: path) else { return object }
        var out = object
        switch change {
        case .remove: out.remove(path: path)
        case .mistype: out.set(path: path, to: Self.mistyped(current))
        }
        return out
    }

    static func mistyped(_ value: JSON) -> JSON {
        switch value {
        case .string: return .int(42)
        case .int, .double, .bool: return .string("not-a-\(value.isNumber ? "number" : "bool")")
        case .array: return .string("not-a-list")
        case .object: return .int(7)
        case .null: return .string("null")
        }
    }
}

extension JSON {
    var isNumber: Bool {
        switch self {
        case .int, .double: return true
        default: return false
        }
    }
}
