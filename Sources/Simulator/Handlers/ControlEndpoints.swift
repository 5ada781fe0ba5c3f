import Foundation

/// `/_simulator/…`: counters and the faults and state changes a test or an operator in another
/// process stages (`avitui sim --control-endpoints`): a leader fail-over, malformed bodies,
/// dropped connections, latency, expired sessions, a changed password (every session ends), a node's state.
/// Enabled only with `controlEndpoints`; never counted or recorded. Parameters are query
/// items, except a new password, which is the request body (never in a URL).
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
        case ("POST", "/_simulator/failover"):
            // 503 for down_for seconds (default 10; 0 = at once), then another node leads; sessions end.
            let downFor = query["down_for"].flatMap(Double.init) ?? 10
            guard downFor >= 0 else { return .error(400, "down_for must be 0 or more seconds") }
            model.failover(downFor: downFor, real: Date())
            return .json(200, .obj(["down_for": .num(Int(downFor))]))
        case ("POST", "/_simulator/malformed"):
            // Truncated JSON in 200 answers to GETs under path_prefix (all without it); on=0 ends it.
            let on = query["on"] != "0"
            model.faults.malformedBodies = on
            model.faults.malformedPathPrefix = on ? query["path_prefix"] : nil
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/drop"):
            guard let count = query["count"].flatMap(Int.init), count >= 0 else { return .error(400, "need count= (0 or more)") }
            model.faults.connectionsToDrop = count
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/latency"):
            guard let milliseconds = query["ms"].flatMap(Double.init), milliseconds >= 0 else { return .error(400, "need ms= (0 or more)") }
            model.faults.latency = milliseconds / 1000
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/expire-sessions"):
            model.sessions.removeAll()
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/password"):
            guard let username = query["username"], model.passwords[username] != nil else { return .error(400, "need username= of a known user") }
            let password = String(decoding: request.body, as: UTF8.self).trimmingCharacters(in: .newlines)
            guard !password.isEmpty else { return .error(400, "send the new password as the request body") }
            // As an administrator changing a password elsewhere: open sessions end, the old password is refused.
            model.passwords[username] = password
            model.sessions.removeAll()
            return .json(200, .obj([:]))
        case ("POST", "/_simulator/node-state"):
            guard let index = query["index"].flatMap(Int.init), let state = query["state"] else { return .error(400, "need index= and state=") }
            model.setNodeState(index: index, state: state, real: Date())
            return .json(200, .obj([:]))
        default:
            return .error(404, "unknown control endpoint \(request.path)")
        }
    }
}
