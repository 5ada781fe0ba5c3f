import Foundation

/// Dispatch of `/api/...` paths once the caller is known.
enum API {
    static func dispatch(parts: [String], context: RequestContext, model: ControllerModel) -> SimResponse {
        guard let type = parts.first else { return .error(404, "Not found") }
        let method = context.request.method
        switch method {
        case "GET", "HEAD":
            return Reads.get(parts: parts, context: context, model: model)
        case "POST":
            guard parts.count == 1, !Router.singletons.contains(type) else {
                return Router.methodNotAllowed(method)
            }
            if type == "sslkeyandcertificate" { return CertificateWrites.create(context: context, model: model) }
            return ObjectWrites.create(type: type, context: context, model: model)
        case "PUT", "PATCH":
            if parts == ["systemconfiguration"] {
                return SystemConfigurationWrites.write(context: context, model: model)
            }
            if parts == ["useraccount"] {
                return ObjectWrites.updateAccount(context: context, model: model)
            }
            if parts.count == 1, Router.singletons.contains(type) {
                return ObjectWrites.updateSingleton(type: type, context: context, model: model)
            }
            guard parts.count == 2 else { return Router.methodNotAllowed(method) }
            return ObjectWrites.update(type: type, uuid: parts[1], context: context, model: model)
        case "DELETE":
            guard parts.count == 2, !Router.singletons.contains(type) else { return Router.methodNotAllowed(method) }
            return ObjectWrites.delete(type: type, uuid: parts[1], context: context, model: model)
        default:
            return Router.methodNotAllowed(method)
        }
    }

    static func parseBody(_ context: RequestContext) -> Result<JSON, SimResponseError> {
        guard !context.request.body.isEmpty else { return .failure(SimResponseError(.error(400, "Request body is empty"))) }
        do {
            let json = try JSON.parse(context.request.body)
            guard json.isObject else { return .failure(SimResponseError(.error(400, "Request body must be a JSON object"))) }
            return .success(json)
        } catch {
            return .failure(SimResponseError(.error(400, "Malformed JSON: \(error)")))
        }
    }
}

/// A response carried as an error, for early exits.
struct SimResponseError: Error {
    let response: SimResponse
    init(_ response: SimResponse) { self.response = response }
}

/// GET handlers.
enum Reads {
    static func get(parts: [String], context: RequestContext, model: ControllerModel) -> SimResponse {
        let type = parts[0]
        let renderer = context.renderer(model)
        switch parts {
        case ["initial-data"]:
            return .json(200, .obj([
                "version": model.persona.versionObject,
                "user_initial_setup": .bool(false), "setup_failed": .bool(false), "error_message": .string(""),
                "sso": .bool(false), "sso_logged_in": .bool(false), "banner": .string(""),
                "email_configuration_is_set": .bool(true),
                "current_time": .string(TimeFormat.isoMicro(model.simNow(real: context.real))),
            ]))
        case ["cluster", "runtime"]:
            return .json(200, model.cluster.runtimeJSON(persona: model.persona))
        case ["cluster", "version"]:
            return .json(200, model.persona.versionObject)
        case ["cluster", "status"]:
            return .json(200, .obj([
                "cluster_state": .obj(["state": .string(model.cluster.clusterState)]),
                "node_states": model.cluster.runtimeJSON(persona: model.persona)["node_states"] ?? .array([]),
            ]))
        case ["useraccount"]:
            guard let user = model.store.all("user").first(where: { $0["username"]?.stringValue == context.username }) else {
                return .error(404, "User not found")
            }
            return .json(200, renderer.render(type: "user", user))
        default:
            break
        }
        if parts.count == 1, ["cluster", "systemconfiguration", "controllerproperties"].contains(type) {
            guard let object = model.store.all(type).first else { return .error(404, "Not found") }
            var single = renderer
            let query = CollectionQuery(context.request)
            single.includeName = query.includeName
            single.fields = query.fields
            return .json(200, single.render(type: type, object))
        }
        if type == "serviceengine-inventory" {
            return Inventory.serviceEngines(parts: parts, context: context, model: model)
        }
        if parts.count == 3, parts[2] == "runtime" {
            if type == "serviceengine", let runtime = model.seRuntime[parts[1]] {
                return .json(200, FieldVersions.apply(type: "serviceengine.runtime", version: context.version, to: runtime))
            }
            if type == "virtualservice", let runtime = model.vsRuntime[parts[1]] {
                return .json(200, runtime)
            }
            return .error(404, "Object \(parts[1]) not found")
        }
        let objects = model.store.all(type).filter { TenantScope.visible(type: type, object: $0, tenantRef: context.tenantRef) }
        if parts.count == 1 {
            return Collections.list(type: type, objects: objects, request: context.request, model: model,
                                    renderer: renderer, origin: context.origin)
        }
        guard parts.count == 2, let object = model.store.get(type, parts[1]),
              TenantScope.visible(type: type, object: object, tenantRef: context.tenantRef) else {
            return .error(404, "Object of type \(type) with uuid '\(parts.dropFirst().joined(separator: "/"))' not found")
        }
        if type == "sslkeyandcertificate" { model.ensureCertificateMaterial([parts[1]]) }
        let query = CollectionQuery(context.request)
        var single = renderer
        single.includeName = query.includeName
        single.fields = query.fields
        single.joinRuntime = query.joinRuntime
        return .json(200, single.render(type: type, model.store.get(type, parts[1]) ?? object))
    }
}
