import Foundation

/// The request entry point shared by all connections: one lock around the
/// model, faults first, then the router, then recording.
final class SimulatorCore: Sendable {
    let state: Locked<ControllerModel>
    let fallbackOrigin: Locked<String>

    init(model: ControllerModel) {
        state = Locked(model)
        fallbackOrigin = Locked("https://127.0.0.1")
    }

    func handle(_ request: SimRequest) -> SimResponse {
        let real = Date()
        let origin = fallbackOrigin.withLock { $0 }
        return state.withLock { holder in
            let model = holder
            if model.options.controlEndpoints, request.path.hasPrefix("/_simulator/") {
                return ControlEndpoints.handle(request, model: model)
            }
            model.tick(real: real)
            model.recorder.countRequest()
            var response: SimResponse
            var user: String?
            if model.faults.connectionsToDrop > 0 {
                model.faults.connectionsToDrop -= 1
                response = .dropped
            } else if model.faults.isDown(at: real) {
                response = .error(503, "Controller is not ready: cluster leader election in progress")
                response.headers.append(("Retry-After", "5"))
            } else if model.faults.rejectSessions, request.path.hasPrefix("/api/") {
                response = .error(401, "Authentication credentials were not provided.")
            } else if request.method == "GET", model.faults.isForbidden(request.path) {
                response = .error(403, "User does not have read access to \(request.path)")
            } else {
                (response, user) = Router.route(request, model: model, real: real, fallbackOrigin: origin)
            }
            let fieldFaults = model.faults.fieldFaults.filter { $0.applies(to: request.path) }
            if response.status == 200, !fieldFaults.isEmpty, var body = try? JSON.parse(response.body) {
                for fault in fieldFaults { body = fault.apply(to: body) }
                response.body = body.serialized()
            }
            if response.status == 200, request.method == "GET", model.faults.malformedApplies(to: request.path) {
                response.body = FaultState.mangle(response.body)
            }
            if response.status == 200, request.method == "GET", let lie = model.faults.pagingLie,
               request.path.hasPrefix(lie.pathPrefix) {
                response.body = lie.lie.apply(to: response.body, request: request, origin: request.origin(fallback: origin))
            }
            model.recorder.record(
                method: request.method, path: request.path, query: request.query, body: request.body,
                status: response.status, time: real, user: user
            )
            if !response.drop { model.recorder.countAnswer(path: request.path, response) }
            response.delay = response.drop ? 0 : model.faults.latency
            return response
        }
    }

    /// Pre-generates certificate PEMs in small batches, outside the lock, so
    /// large certificate counts never stall requests for long.
    func generateCertificatesInBackground() async {
        while !Task.isCancelled {
            let batch: [(String, CertSpec)] = state.withLock { model in
                model.pendingMaterial.prefix(64).compactMap { uuid in model.certSpecs[uuid].map { (uuid, $0) } }
            }
            guard !batch.isEmpty, let keys = state.withLock({ $0.keys }) else { return }
            var made: [(String, CertMaterial)] = []
            for (uuid, spec) in batch {
                if let material = try? CertificateFactory.make(spec, keys: keys) { made.append((uuid, material)) }
            }
            state.withLock { model in
                for (uuid, material) in made { model.attachMaterial(material, to: uuid) }
                // A spec that cannot be generated must not loop forever.
                for (uuid, _) in batch where !made.contains(where: { $0.0 == uuid }) { model.pendingMaterial.remove(uuid) }
            }
            await Task.yield()
        }
    }
}
