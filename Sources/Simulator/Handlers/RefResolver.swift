import Foundation

/// Normalises refs in written bodies: full URLs, relative paths and the
/// by-name form `/api/<type>?name=<name>` all become `/api/<type>/<uuid>`.
struct RefResolver {
    let model: ControllerModel

    struct Failure: Error {
        let message: String
    }

    func normalize(_ value: JSON, key: String? = nil) throws -> JSON {
        switch value {
        case .string(let s):
            guard let key, key.hasSuffix("_ref") || key.hasSuffix("_refs") else { return value }
            return .string(try resolve(s))
        case .array(let items):
            return .array(try items.map { try normalize($0, key: key) })
        case .object(let members):
            return .object(try members.map { JSON.Member(key: $0.key, value: try normalize($0.value, key: $0.key)) })
        default:
            return value
        }
    }

    func resolve(_ ref: String) throws -> String {
        var text = ref
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        guard let apiRange = text.range(of: "/api/") else {
            throw Failure(message: "Invalid reference '\(ref)': expected /api/<type>/<uuid>")
        }
        let tail = String(text[apiRange.upperBound...])
        if let question = tail.firstIndex(of: "?") {
            let type = String(tail[..<question])
            let query = String(tail[tail.index(after: question)...])
            guard let name = FormEncoding.decode(query).first(where: { $0.name == "name" })?.value else {
                throw Failure(message: "Invalid reference '\(ref)'")
            }
            guard let uuid = model.store.uuid(type, named: name) else {
                throw Failure(message: "Cannot find object of type \(type) with name '\(name)'")
            }
            return Ref.path(type, uuid)
        }
        let parts = tail.split(separator: "/").map(String.init)
        guard parts.count == 2 else { throw Failure(message: "Invalid reference '\(ref)'") }
        // Only types the simulator models are checked for existence.
        if model.store.count(parts[0]) > 0, model.store.get(parts[0], parts[1]) == nil {
            throw Failure(message: "Cannot find object of type \(parts[0]) with uuid '\(parts[1])'")
        }
        return Ref.path(parts[0], parts[1])
    }
}
