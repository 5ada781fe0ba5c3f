import Foundation

/// PATCH bodies (REFERENCE §2.7): `{"add"|"replace"|"delete": partial}` merged
/// one level deep, or `{"json_patch": [...]}`.
enum Patch {
    struct Failure: Error {
        let message: String
    }

    static func apply(_ patch: JSON, to object: JSON) throws -> JSON {
        guard case .object(let ops) = patch, !ops.isEmpty else {
            throw Failure(message: "PATCH body must be an object with one of add, replace, delete or json_patch")
        }
        var out = object
        for op in ops {
            switch op.key {
            case "add": out = try merge(out, op.value, mode: .add)
            case "replace": out = try merge(out, op.value, mode: .replace)
            case "delete": out = try merge(out, op.value, mode: .delete)
            case "json_patch": out = try jsonPatch(out, op.value)
            default: throw Failure(message: "Unsupported PATCH operation '\(op.key)'")
            }
        }
        return out
    }

    enum Mode { case add, replace, delete }

    static func merge(_ object: JSON, _ partial: JSON, mode: Mode) throws -> JSON {
        guard case .object(let members) = partial else { throw Failure(message: "PATCH value must be an object") }
        var out = object
        for member in members {
            out[member.key] = mergeValue(out[member.key], member.value, mode: mode, depth: 0)
        }
        return out
    }

    /// Nested objects are merged one level deep, as the controller documents.
    private static func mergeValue(_ existing: JSON?, _ value: JSON, mode: Mode, depth: Int) -> JSON? {
        switch (existing, value, mode) {
        case (.array(let old)?, .array(let new), .add):
            return .array(old + new)
        case (.array(let old)?, .array(let new), .delete):
            return .array(old.filter { !new.contains($0) })
        case (.some(.object(_)), .object(let subs), _) where depth == 0:
            var merged = existing ?? .object([])
            for sub in subs {
                merged[sub.key] = mergeValue(merged[sub.key], sub.value, mode: mode, depth: depth + 1)
            }
            return merged
        case (_, _, .delete):
            return nil
        default:
            return value
        }
    }

    static func jsonPatch(_ object: JSON, _ ops: JSON) throws -> JSON {
        guard let list = ops.arrayValue else { throw Failure(message: "json_patch must be a list") }
        var out = object
        for op in list {
            guard let name = op["op"]?.stringValue, let path = op["path"]?.stringValue else {
                throw Failure(message: "json_patch entries need op and path")
            }
            let tokens = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            guard !tokens.isEmpty else { throw Failure(message: "json_patch path '\(path)' is invalid") }
            switch name {
            case "add", "replace":
                guard let value = op["value"] else { throw Failure(message: "json_patch \(name) needs a value") }
                out = try set(out, tokens: Array(tokens), value: value, insert: name == "add")
            case "remove":
                out = try set(out, tokens: Array(tokens), value: nil, insert: false)
            default:
                throw Failure(message: "json_patch op '\(name)' is not supported")
            }
        }
        return out
    }

    private static func set(_ node: JSON, tokens: [String], value: JSON?, insert: Bool) throws -> JSON {
        let token = tokens[0]
        let last = tokens.count == 1
        switch node {
        case .object:
            var out = node
            if last {
                out[token] = value
            } else {
                guard let child = node[token] else { throw Failure(message: "json_patch path not found at '\(token)'") }
                out[token] = try set(child, tokens: Array(tokens.dropFirst()), value: value, insert: insert)
            }
            return out
        case .array(var items):
            if token == "-", last, let value {
                items.append(value)
                return .array(items)
            }
            guard let index = Int(token), index >= 0, index <= items.count else {
                throw Failure(message: "json_patch index '\(token)' is invalid")
            }
            if last {
                if let value {
                    if insert { items.insert(value, at: index) } else if index < items.count { items[index] = value }
                } else if index < items.count {
                    items.remove(at: index)
                }
            } else {
                guard index < items.count else { throw Failure(message: "json_patch index '\(token)' is out of range") }
                items[index] = try set(items[index], tokens: Array(tokens.dropFirst()), value: value, insert: insert)
            }
            return .array(items)
        default:
            throw Failure(message: "json_patch path goes through a scalar at '\(token)'")
        }
    }
}
