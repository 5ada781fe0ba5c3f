import Foundation

/// `/_simulator/…`: counters and state changes for `make bench` and the tmux walks, which drive
/// the simulator in another process (`password` changes a user's password and ends every session). Enabled only with `controlEndpoints`; never counted or recorded.
enum ControlEndpoints {
    static func handle(_ request: SimRequest, model: ControllerModel) -> SimResponse {
        let query = Dictionary(request.query.split(separator: "&").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { first, _ in first })
        switch (request.method, request.path) {
        case ("GET", "/_simulator/stats"):
            let firstEngine = model.store.uuids("serviceengine").first ?? ""
            return .json(200, .obj([
                "requests": .num(model.recorder.total),
                "bytes": .num(model.recorder.bytes),
                "by_path": .object(model.recorder.byPath.keys.sorted().map { path in
                    let entry = model.recorder.byPath[path] ?? (0, 0)
                    return JSON.Member(key: path, value: .obj(["requests": .num(entry.requests), "bytes": .num(entry.bytes)]))
                }),
                "mutating": .num(model.recorder.mutating.count),
                // "METHOD path" of each, so a script can prove a client sent nothing but reads and logins.
                "mutating_requests": .array(model.recorder.mutating.map { .string("\($0.method) \($0.path)") }),
                "response_bytes": .num(model.recorder.responseBytes),
                "version": .string(model.persona.versionString),
                "get_paths": .array(model.recorder.gets.map { .string($0) }),
                "first_se_mapping": .string(firstEngine),
            ]))
        case ("POST", "/_simulator/reset"):
            model.recorder.reset()
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/mapping-status"):
            guard let name = query["name"], let status = query["status"] else { return .error(400, "need name= and status=") }
            model.setMappingStatus(name: name, status: status)
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/password"):
            // As an administrator changing a password elsewhere: open sessions end, the old password is refused.
            guard let username = query["username"], let password = query["password"], !password.isEmpty else {
                return .error(400, "need username= and password=")
            }
            model.passwords[username] = password
            model.sessions.removeAll()
            return .json(200, .obj([:]))
        default:
            return .error(404, "unknown control endpoint \(request.path)")
        }
    }
}
