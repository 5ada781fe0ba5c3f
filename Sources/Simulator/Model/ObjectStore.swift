import Foundation

/// Config objects by type, in insertion order, with a name index. Objects
/// keep relative refs (`/api/<type>/<uuid>`); hosts are added when rendering.
struct ObjectStore {
    struct Table {
        var order: [String] = []
        var objects: [String: JSON] = [:]
        var names: [String: String] = [:]
    }

    private(set) var tables: [String: Table] = [:]

    func get(_ type: String, _ uuid: String) -> JSON? { tables[type]?.objects[uuid] }

    func all(_ type: String) -> [JSON] {
        guard let table = tables[type] else { return [] }
        return table.order.compactMap { table.objects[$0] }
    }

    func uuids(_ type: String) -> [String] { tables[type]?.order ?? [] }

    func count(_ type: String) -> Int { tables[type]?.order.count ?? 0 }

    func uuid(_ type: String, named name: String) -> String? { tables[type]?.names[name] }

    func name(_ type: String, _ uuid: String) -> String? { tables[type]?.objects[uuid]?["name"]?.stringValue }

    /// Inserts or replaces an object; its `uuid` field is the key.
    mutating func put(_ type: String, _ object: JSON) {
        guard let uuid = object["uuid"]?.stringValue else { return }
        // Mutate in place: copying a table out of the dictionary would make
        // every insert O(n) (10,000 seeded alerts).
        tables[type, default: Table()].put(uuid: uuid, object: object)
    }

    mutating func remove(_ type: String, _ uuid: String) {
        tables[type]?.remove(uuid: uuid)
    }

    mutating func removeAll(_ type: String) { tables[type] = Table() }
}

extension ObjectStore.Table {
    mutating func put(uuid: String, object: JSON) {
        if let old = objects[uuid], let oldName = old["name"]?.stringValue, names[oldName] == uuid {
            names[oldName] = nil
        }
        if objects[uuid] == nil { order.append(uuid) }
        objects[uuid] = object
        if let name = object["name"]?.stringValue { names[name] = uuid }
    }

    mutating func remove(uuid: String) {
        guard let old = objects[uuid] else { return }
        objects[uuid] = nil
        order.removeAll { $0 == uuid }
        if let name = old["name"]?.stringValue, names[name] == uuid { names[name] = nil }
    }
}

/// `/api/<type>/<uuid>` ⇄ (type, uuid).
enum Ref {
    static func path(_ type: String, _ uuid: String) -> String { "/api/\(type)/\(uuid)" }

    /// Splits a relative or absolute ref (with optional `#name`) into type and uuid.
    static func parse(_ ref: String) -> (type: String, uuid: String)? {
        var text = ref
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        if let range = text.range(of: "/api/") { text = String(text[range.upperBound...]) } else { return nil }
        if text.contains("?") { return nil }
        let parts = text.split(separator: "/").map(String.init)
        guard parts.count == 2 else { return nil }
        return (parts[0], parts[1])
    }

    /// Every relative ref found anywhere in an object (for refers_to / referred_by).
    static func all(in value: JSON, key: String? = nil, into out: inout [String]) {
        switch value {
        case .string(let s):
            if let key, key != "url", key.hasSuffix("_ref") || key.hasSuffix("_refs"), s.hasPrefix("/api/") {
                out.append(s)
            }
        case .array(let items):
            for item in items { all(in: item, key: key, into: &out) }
        case .object(let members):
            for member in members { all(in: member.value, key: member.key, into: &out) }
        default:
            break
        }
    }
}
