import AviAPI
import ArgumentParser
import Console
import Foundation

/// Connects, reads what the check needs, evaluates, prints, and exits with the plugin status.
/// Every failure on the way is UNKNOWN with a one-line reason — never a stack of errors.
enum CheckRunner {
    static func run(_ kind: CheckKind, service: String, connection options: ConnectionOptions, options checkOptions: CheckOptions,
                    fleet: FleetOptions = FleetOptions(),
                    evaluate: @escaping @Sendable (Snapshot, Date) -> CheckResult) async throws {
        let timeout = max(1, checkOptions.timeout)
        if fleet.isFleet {
            try finish(await FleetCheckRunner.result(kind, service: service, names: options.profile.map { [$0] } ?? [], tags: fleet.tag,
                                                     timeout: timeout, evaluate: evaluate))
        }
        let work: @Sendable () async -> CheckResult = {
            do {
                let opened = try await ControllerConnection.open(options, forceReadOnly: true)
                let snapshot = await CheckFetch.snapshot(for: kind, client: opened.client, connection: opened.connection)
                await opened.client.session.logout()
                return evaluate(snapshot, Date())
            } catch let error as AviError {
                return .unknown(service, error.description)
            } catch let error as ConfigError {
                return .unknown(service, error.description)
            } catch {
                return .unknown(service, "\(error)")
            }
        }
        let result = await FirstResult.race(work, orAfter: timeout) {
            .unknown(service, "no answer from the controller within \(Int(timeout.rounded())) s")
        }
        try finish(result)
    }

    /// Prints the result and ends with its exit status.
    static func finish(_ result: CheckResult) throws -> Never {
        Output.out(result.output)
        throw ExitCode(result.status.exitCode)
    }
}
