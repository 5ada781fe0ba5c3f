import Foundation

/// Generic POST/PUT/PATCH/DELETE on config objects.
enum ObjectWrites {
    static func create(type: String, context: RequestContext, model: ControllerModel) -> SimResponse {
        var body: JSON
        switch API.parseBody(context) {
        case .success(let json): body = json
        case .failure(let failure): return failure.response
        }
        guard let name = body["name"]?.stringValue, !name.isEmpty else {
            return .error(400, "Field 'name' is required")
        }
        if model.store.uuid(type, named: name) != nil {
            return .error(409, "An object of type \(type) named '\(name)' already exists")
        }
        do {
            body = try RefResolver(model: model).normalize(body)
        } catch let failure as RefResolver.Failure {
            return .error(400, failure.message)
        } catch {
            return .error(400, "\(error)")
        }
        let uuid = newUUID(type: type, context: context)
        if model.store.get(type, uuid) != nil { return .error(409, "An object with uuid '\(uuid)' already exists") }
        var members: [JSON.Member] = [
            .init(key: "url", value: .string(Ref.path(type, uuid))),
            .init(key: "uuid", value: .string(uuid)),
        ]
        for member in body.members ?? [] where !["url", "uuid", "_last_modified"].contains(member.key) {
            members.append(member)
        }
        var object = JSON.object(members)
        if object["tenant_ref"] == nil, type != "tenant" {
            object["tenant_ref"] = .string(context.tenantRef ?? Ref.path("tenant", "admin"))
        }
        object["_last_modified"] = .string(model.nextLastModified())
        model.store.put(type, object)
        return created(type: type, uuid: uuid, name: name, object: object, context: context, model: model)
    }

    static func created(type: String, uuid: String, name: String, object: JSON, context: RequestContext, model: ControllerModel) -> SimResponse {
        var response = SimResponse.json(201, context.writeRenderer(model).render(type: type, object))
        response.headers.append(("Location", "\(context.origin)/api/\(type)/\(uuid)#\(name)"))
        return response
    }

    /// The `Slug` header forces the uuid (REFERENCE §1.3).
    static func newUUID(type: String, context: RequestContext) -> String {
        if let slug = context.request.header("Slug"), !slug.isEmpty { return slug }
        var rng = SystemRandomNumberGenerator()
        var seeded = SplitMix64(seed: rng.next())
        return "\(type)-\(seeded.uuid4())"
    }

    static func update(type: String, uuid: String, context: RequestContext, model: ControllerModel) -> SimResponse {
        guard let current = model.store.get(type, uuid),
              TenantScope.visible(type: type, object: current, tenantRef: context.tenantRef) else {
            return .error(404, "Object of type \(type) with uuid '\(uuid)' not found")
        }
        guard model.store.count(type) > 0, !["serviceengine-inventory"].contains(type) else {
            return Router.methodNotAllowed(context.request.method)
        }
        if type == "sslkeyandcertificate" { model.ensureCertificateMaterial([uuid]) }
        let stored = model.store.get(type, uuid) ?? current
        let result = proposedObject(type: type, current: stored, context: context, model: model)
        guard case .success(var new) = result else {
            if case .failure(let failure) = result { return failure.response }
            return .error(400, "Invalid request")
        }
        new["url"] = .string(Ref.path(type, uuid))
        new["uuid"] = .string(uuid)
        if new["tenant_ref"] == nil, let tenant = stored["tenant_ref"] { new["tenant_ref"] = tenant }
        if let newName = new["name"]?.stringValue, newName != stored["name"]?.stringValue,
           model.store.uuid(type, named: newName) != nil {
            return .error(409, "An object of type \(type) named '\(newName)' already exists")
        }
        if type == "sslkeyandcertificate" {
            switch CertificateWrites.refreshAfterEdit(new, previous: stored, model: model) {
            case .success(let refreshed): new = refreshed
            case .failure(let failure): return failure.response
            }
        }
        new["_last_modified"] = .string(model.nextLastModified())
        model.store.put(type, new)
        return .json(200, context.writeRenderer(model).render(type: type, new))
    }

    /// PUT (whole object, `_last_modified` checked) or PATCH (merged).
    static func proposedObject(type: String, current: JSON, context: RequestContext, model: ControllerModel) -> Result<JSON, SimResponseError> {
        let body: JSON
        switch API.parseBody(context) {
        case .success(let json): body = json
        case .failure(let failure): return .failure(failure)
        }
        do {
            let normalized = try RefResolver(model: model).normalize(body)
            if context.request.method == "PUT" {
                if let sent = body["_last_modified"], sent != current["_last_modified"] {
                    return .failure(SimResponseError(SystemConfigurationWrites.staleError()))
                }
                var new = normalized
                for path in FieldVersions.hidden(type: type, version: context.version) where body.value(at: path) == nil {
                    if let kept = current.value(at: path) { new.set(path: path, to: kept) }
                }
                // Secrets come back masked; keep the stored ones.
                if new["key"]?.stringValue == "<sensitive>" || (new["key"] == nil && current["key"] != nil) {
                    new["key"] = current["key"]
                }
                return .success(new)
            }
            return .success(try Patch.apply(normalized, to: current))
        } catch let failure as Patch.Failure {
            return .failure(SimResponseError(.error(400, failure.message)))
        } catch let failure as RefResolver.Failure {
            return .failure(SimResponseError(.error(400, failure.message)))
        } catch {
            return .failure(SimResponseError(.error(400, "\(error)")))
        }
    }

    static func updateSingleton(type: String, context: RequestContext, model: ControllerModel) -> SimResponse {
        guard let current = model.store.all(type).first, let uuid = current["uuid"]?.stringValue else {
            return .error(404, "Not found")
        }
        let result = proposedObject(type: type, current: current, context: context, model: model)
        guard case .success(var new) = result else {
            if case .failure(let failure) = result { return failure.response }
            return .error(400, "Invalid request")
        }
        new["url"] = current["url"]
        new["uuid"] = .string(uuid)
        if type == "cluster" {
            // Only a shrink to one existing node is modelled.
            let nodes = new["nodes"]?.arrayValue ?? []
            if nodes.count == 1, let ip = nodes[0].value(at: ["ip", "addr"])?.stringValue,
               let index = model.cluster.nodes.firstIndex(where: { $0.ip == ip }), model.cluster.nodes.count > 1 {
                model.cluster.leader = index
                model.makeClusterSingleNode()
            }
        }
        if type == "controllerproperties", let minutes = new["api_idle_timeout"]?.intValue, minutes > 0 {
            model.sessions.idleTimeout = TimeInterval(minutes * 60)
        }
        new["_last_modified"] = .string(model.nextLastModified())
        if type == "cluster" {
            // Re-render from the model so config and runtime agree.
            model.refreshClusterObjects()
            new = model.store.all("cluster").first ?? new
        } else {
            model.store.put(type, new)
        }
        return .json(200, context.writeRenderer(model).render(type: type, new))
    }

    /// `PUT /api/useraccount`: the caller's own password (needs old_password).
    static func updateAccount(context: RequestContext, model: ControllerModel) -> SimResponse {
        let body: JSON
        switch API.parseBody(context) {
        case .success(let json): body = json
        case .failure(let failure): return failure.response
        }
        guard let username = context.username else { return .error(401, "Not authenticated") }
        if let password = body["password"]?.stringValue {
            guard body["old_password"]?.stringValue == model.passwords[username] else {
                return .error(400, "Old password is incorrect")
            }
            model.passwords[username] = password
        }
        return SimResponse(status: 200, headers: [("Content-Type", "application/json")], body: [])
    }

    static func delete(type: String, uuid: String, context: RequestContext, model: ControllerModel) -> SimResponse {
        guard let object = model.store.get(type, uuid),
              TenantScope.visible(type: type, object: object, tenantRef: context.tenantRef) else {
            return .error(404, "Object of type \(type) with uuid '\(uuid)' not found")
        }
        let name = object["name"]?.stringValue ?? uuid
        if name.hasPrefix("System-Default-") {
            return .error(400, "Cannot delete system default object \(name)")
        }
        let target = Ref.path(type, uuid)
        var referrers: [String] = []
        for (otherType, table) in model.store.tables where otherType != "alert" && otherType != "serviceengine" {
            for otherUUID in table.order {
                guard let other = table.objects[otherUUID] else { continue }
                var refs: [String] = []
                Ref.all(in: other, into: &refs)
                if refs.contains(target) {
                    referrers.append("\(otherType) \(other["name"]?.stringValue ?? otherUUID)")
                }
            }
        }
        if !referrers.isEmpty {
            return .error(400, "Cannot delete, object is referred by: \(referrers.sorted().joined(separator: ", "))")
        }
        model.store.remove(type, uuid)
        if type == "serviceengine" {
            model.seRuntime[uuid] = nil
            model.store.remove("securechannelmapping", uuid)
        }
        if type == "virtualservice" {
            model.vsRuntime[uuid] = nil
            for seUUID in model.store.uuids("serviceengine") {
                guard var se = model.store.get("serviceengine", seUUID), let refs = se["vs_refs"]?.arrayValue,
                      refs.contains(.string(target)) else { continue }
                se["vs_refs"] = .array(refs.filter { $0 != .string(target) })
                model.store.put("serviceengine", se)
            }
        }
        if type == "sslkeyandcertificate" {
            model.certSpecs[uuid] = nil
            model.pendingMaterial.remove(uuid)
        }
        return SimResponse(status: 204)
    }
}
