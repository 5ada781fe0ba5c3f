import Foundation

/// Turns stored objects into response JSON: hides fields newer than the
/// request's API version, projects `fields`, joins runtime, and turns
/// relative refs into URLs of the host the client used (with `#name` when
/// asked, and always in write responses).
struct Renderer {
    let model: ControllerModel
    /// `https://host:port`, or nil to keep refs relative (login's system_config).
    let origin: String?
    let version: APIVersion
    var includeName = false
    var fields: Set<String>?
    var joinRuntime = false

    func render(type: String, _ object: JSON) -> JSON {
        var out = FieldVersions.apply(type: type, version: version, to: object)
        if joinRuntime, let uuid = object["uuid"]?.stringValue {
            if type == "serviceengine", let runtime = model.seRuntime[uuid] {
                out["runtime"] = FieldVersions.apply(type: "serviceengine.runtime", version: version, to: runtime)
            } else if type == "virtualservice", let runtime = model.vsRuntime[uuid] {
                out["runtime"] = runtime
            }
        }
        if let fields, case .object(let members) = out {
            let keep = fields.union(["uuid", "name", "url"]).union(joinRuntime ? ["runtime"] : [])
            out = .object(members.filter { keep.contains($0.key) })
        }
        return absolutize(out, key: nil)
    }

    func absolutize(_ value: JSON, key: String?) -> JSON {
        switch value {
        case .string(let s):
            guard let key, s.hasPrefix("/api/"), key == "url" || key.hasSuffix("_ref") || key.hasSuffix("_refs") else {
                return value
            }
            var text = (origin ?? "") + s
            if includeName, let (type, uuid) = Ref.parse(s), let name = model.store.name(type, uuid) {
                text += "#" + name
            }
            return .string(text)
        case .array(let items):
            return .array(items.map { absolutize($0, key: key) })
        case .object(let members):
            return .object(members.map { JSON.Member(key: $0.key, value: absolutize($0.value, key: $0.key)) })
        default:
            return value
        }
    }
}
