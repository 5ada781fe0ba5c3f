import Foundation

/// PUT/PATCH of `/api/systemconfiguration`: ref limits, optimistic
/// concurrency, the bypass flag per release, and the secure-channel
/// must-checks (REFERENCE §2.6, §3.5, §4).
enum SystemConfigurationWrites {
    static let mustCheckMessage = "Secure channel certificate can be changed only when there are no Service Engines, only No-Access clouds and a single-node Controller cluster."

    static func write(context: RequestContext, model: ControllerModel) -> SimResponse {
        let body: JSON
        switch API.parseBody(context) {
        case .success(let json): body = json
        case .failure(let failure): return failure.response
        }
        guard let current = model.store.get("systemconfiguration", "default") else { return .error(404, "Not found") }
        var proposed: JSON
        if context.request.method == "PUT" {
            if model.faults.staleWrites > 0 {
                // Simulate a concurrent writer: the stored object moves on.
                model.faults.staleWrites -= 1
                var bumped = current
                bumped["_last_modified"] = .string(model.nextLastModified())
                model.store.put("systemconfiguration", bumped)
                return staleError()
            }
            if let sent = body["_last_modified"], sent != current["_last_modified"] {
                return staleError()
            }
            proposed = body
            // Fields the caller's API version cannot see are kept, not wiped.
            for path in FieldVersions.hidden(type: "systemconfiguration", version: context.version)
            where body.value(at: path) == nil {
                if let kept = current.value(at: path) { proposed.set(path: path, to: kept) }
            }
            if let delay = model.faults.commitAfterDrop {
                // Accepted, but the answer is lost and the commit lands later (tick applies it).
                model.faults.commitAfterDrop = nil
                model.pendingCommit = (at: context.real.addingTimeInterval(delay), proposed: proposed)
                return .dropped
            }
        } else {
            do {
                let patch = try RefResolver(model: model).normalize(body)
                proposed = try Patch.apply(patch, to: current)
            } catch let failure as Patch.Failure {
                return .error(400, failure.message)
            } catch let failure as RefResolver.Failure {
                return .error(400, failure.message)
            } catch {
                return .error(400, "\(error)")
            }
        }
        let response = apply(proposed, current: current, context: context, model: model)
        if response.status == 200, model.faults.appliedButError > 0 {
            model.faults.appliedButError -= 1
            return .error(500, "Internal server error")
        }
        return response
    }

    /// The late commit of a PUT whose answer was dropped (fault `commitAfterDrop`): the same rules,
    /// no one to answer.
    static func commitLate(_ proposed: JSON, model: ControllerModel, real: Date) {
        guard let current = model.store.get("systemconfiguration", "default") else { return }
        if let sent = proposed["_last_modified"], sent != current["_last_modified"] { return }
        _ = commit(proposed, current: current, model: model, real: real)
    }

    static func staleError() -> SimResponse {
        .error(412, "The object was modified by someone else since it was read (_last_modified mismatch). Re-read it and try again.")
    }

    static func apply(_ proposed: JSON, current: JSON, context: RequestContext, model: ControllerModel) -> SimResponse {
        switch commit(proposed, current: current, model: model, real: context.real) {
        case .success(let new): return .json(200, context.writeRenderer(model).render(type: "systemconfiguration", new))
        case .failure(let failure): return failure.response
        }
    }

    /// Validates and stores a new configuration; a changed secure-channel certificate starts the
    /// peers' re-authentication.
    static func commit(_ proposed: JSON, current: JSON, model: ControllerModel, real: Date) -> Result<JSON, SimResponseError> {
        func refuse(_ status: Int, _ message: String) -> Result<JSON, SimResponseError> { .failure(SimResponseError(.error(status, message))) }
        var new = proposed
        new["url"] = .string("/api/systemconfiguration")
        new["uuid"] = .string("default")
        let bypassPath = ["secure_channel_configuration", "bypass_secure_channel_must_checks"]
        let bypassSent = new.value(at: bypassPath)
        if bypassSent != nil, model.persona.rejectsBypassFlag {
            return refuse(400, "Unknown field 'bypass_secure_channel_must_checks' in secure_channel_configuration (removed in 22.1.1)")
        }
        do {
            new = try RefResolver(model: model).normalize(new)
        } catch let failure as RefResolver.Failure {
            return refuse(400, failure.message)
        } catch {
            return refuse(400, "\(error)")
        }
        let portalPath = ["portal_configuration", "sslkeyandcertificate_refs"]
        let secureChannelPath = ["secure_channel_configuration", "sslkeyandcertificate_refs"]
        let portalRefs = new.value(at: portalPath)?.arrayValue ?? []
        let channelRefs = new.value(at: secureChannelPath)?.arrayValue ?? []
        if portalRefs.count > 2 {
            return refuse(400, "portal_configuration.sslkeyandcertificate_refs: at most 2 certificates are allowed (got \(portalRefs.count))")
        }
        if channelRefs.count > 1 {
            return refuse(400, "secure_channel_configuration.sslkeyandcertificate_refs: at most 1 certificate is allowed (got \(channelRefs.count))")
        }
        for ref in portalRefs + channelRefs {
            guard let text = ref.stringValue, let parsed = Ref.parse(text), parsed.type == "sslkeyandcertificate" else {
                return refuse(400, "Invalid certificate reference \(ref)")
            }
        }
        let oldChannelRefs = current.value(at: secureChannelPath)?.arrayValue ?? []
        let channelChanged = oldChannelRefs != channelRefs
        if channelChanged, model.options.enforceSecureChannelChecks {
            let failures = mustCheckFailures(model)
            let bypass = bypassSent?.boolValue == true && model.persona.honoursBypassFlag
            if !failures.isEmpty, !bypass {
                return refuse(400, mustCheckMessage + " Failed checks: " + failures.joined(separator: "; ") + ".")
            }
        }
        new["_last_modified"] = .string(model.nextLastModified())
        model.store.put("systemconfiguration", new)
        if channelChanged { model.startSecureChannelReauthentication(real: real, from: oldChannelRefs, to: channelRefs) }
        return .success(new)
    }

    /// The three documented pre-conditions, each failure named.
    static func mustCheckFailures(_ model: ControllerModel) -> [String] {
        var failures: [String] = []
        let seCount = model.store.count("serviceengine")
        if seCount > 0 { failures.append("\(seCount) Service Engine\(seCount == 1 ? "" : "s") present") }
        let accessClouds = model.store.all("cloud").filter { !isNoAccess($0) }.compactMap { $0["name"]?.stringValue }
        if !accessClouds.isEmpty { failures.append("cloud(s) with access: \(accessClouds.joined(separator: ", "))") }
        if model.cluster.nodes.count > 1 { failures.append("the Controller cluster has \(model.cluster.nodes.count) nodes") }
        return failures
    }

    static func isNoAccess(_ cloud: JSON) -> Bool {
        if cloud["vtype"]?.stringValue == "CLOUD_NONE" { return true }
        for key in ["vcenter_configuration", "openstack_configuration"] {
            if cloud.value(at: [key, "privilege"])?.stringValue == "NO_ACCESS" { return true }
        }
        return false
    }
}
