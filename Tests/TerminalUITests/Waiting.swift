import Foundation
import Testing
@testable import TerminalUI

/// Waiting in tests that run against a real simulator or real tasks.
enum Waiting {
    /// Waits on real time for `condition`, turning `app`'s UI loop meanwhile when one is given.
    /// The 180 s deadline is a safety net, never the thing measured: past it the test records
    /// what it waited for and stops.
    static func until(_ what: String, stepping app: ConsoleApp? = nil, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(180)
        while !condition() {
            app?.step(nil)
            guard Date() < deadline else {
                Issue.record("timed out waiting for \(what)")
                throw CancellationError()
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        app?.step(nil)
    }
}
