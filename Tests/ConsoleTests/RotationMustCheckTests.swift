import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

@Suite("Rotation: must-checks and their override")
struct RotationMustCheckTests {
    static func existing(_ context: RotationContext) throws -> RotationTarget {
        try context.target(named: try #require(context.candidates(now: Date()).first { $0.isUsable }).name)
    }

    @Test("failing must-checks stop at step 4 by default; a wrong phrase does not override")
    func stopsByDefault() async throws {
        let fixture = try await RotationFixture.start(ready: false)
        let run = try await fixture.rotate(target: Self.existing)
        #expect(run.flow.step == .mustChecks)
        #expect(run.flow.plan == nil)
        #expect(run.flow.notice?.contains("must-checks failed") == true)
        let report = run.flow.context.mustChecks
        #expect(!report.allPassed)
        #expect(report.failed.map(\.check) == [.noServiceEngines, .singleNodeCluster] || report.failed.count >= 2)
        #expect(report.results.allSatisfy { !$0.meaning.isEmpty })

        var flow = run.flow
        flow.handle(.overrideMustChecks(typed: "yes"))
        #expect(!flow.overrideConfirmed)
        flow.handle(.next)
        #expect(flow.step == .mustChecks)
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }

    @Test("override on 18.2.6: bypass_secure_channel_must_checks set in the same PUT, accepted")
    func overrideWithBypassFlag() async throws {
        let fixture = try await RotationFixture.start(version: "18.2.6", ready: false)
        let run = try await fixture.rotate(override: true, target: Self.existing)
        let plan = try #require(run.flow.plan)
        #expect(plan.bypassFlag == true)
        #expect(plan.overridesFailedChecks)
        #expect(run.outcome?.result == .applied)
        #expect(run.verification?.pointsAtTarget == true)
        let put = try #require(fixture.stateChangingRequests.last)
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(put.body.utf8))
        #expect(body["secure_channel_configuration"]?["bypass_secure_channel_must_checks"]?.boolValue == true)
        #expect(run.audit?.overrideUsed == true)
        #expect(run.audit?.bypassFlagSent == true)
        await fixture.finish()
    }

    @Test("a change without override on a flag release sends the flag false, so an old true never bypasses silently")
    func flagSentFalseWithoutOverride() async throws {
        let fixture = try await RotationFixture.start(version: "18.2.6", ready: true)
        let run = try await fixture.rotate(target: Self.existing)
        #expect(run.flow.plan?.bypassFlag == false)
        #expect(run.outcome?.result == .applied)
        await fixture.finish()
    }

    @Test("override on 22.1.1 and 31.2.1: no flag exists, the controller refuses with its own message, nothing changes")
    func overrideRefusedOnNewReleases() async throws {
        for version in ["22.1.1", "31.2.1"] {
            let fixture = try await RotationFixture.start(version: version, ready: false)
            let before = try await fixture.secureChannelRefs()
            let run = try await fixture.rotate(override: true, target: Self.existing)
            #expect(run.flow.plan?.bypassFlag == nil)
            guard case let .refusedByController(message)? = run.outcome?.result else {
                Issue.record("expected a refusal on \(version), got \(String(describing: run.outcome?.result))")
                await fixture.finish()
                continue
            }
            #expect(message.contains("Secure channel certificate can be changed only"))
            #expect(run.verification == nil)
            #expect(run.audit?.outcome == "refused_by_controller")
            #expect(run.audit?.rollbackCommand == "")
            #expect(try await fixture.secureChannelRefs() == before)
            let put = try #require(fixture.stateChangingRequests.last)
            #expect(put.status == 400)
            #expect(!put.body.contains("bypass_secure_channel_must_checks"))
            await fixture.finish()
        }
    }

    @Test("the rollback printed after an overridden change runs as printed: it carries --override-checks")
    func rollbackAfterOverrideRunsAsPrinted() async throws {
        let fixture = try await RotationFixture.start(version: "18.2.6", ready: false)
        let before = try await fixture.secureChannelRefs()
        let run = try await fixture.rotate(override: true, target: Self.existing)
        #expect(run.outcome?.result == .applied)
        let command = try #require(run.audit?.rollbackCommand)
        #expect(command.hasSuffix(" --override-checks"))
        let plan = try #require(run.flow.plan)
        #expect(RotationText.plan(plan).contains { $0.hasPrefix("  avitui rotate --controller ") && $0.hasSuffix("--override-checks") })
        // Everything to reach and trust the controller again, never the password.
        #expect(command.contains("--username \(fixture.endpoint.username)"))
        #expect(command.contains("--ca-file \(fixture.endpoint.caFile.standardizedFileURL.path)"))
        #expect(!command.contains(fixture.endpoint.password))
        #expect(RotationCommandLine.rollbackOverrideNote(plan)?.contains("type 'override'") == true)

        // Run it as printed: its --to and whether it carries --override-checks, nothing else.
        let words = command.split(separator: " ").map(String.init)
        let name = try #require(words.firstIndex(of: "--to").map { words[$0 + 1] })
        let rollback = try await fixture.rotate(override: words.contains("--override-checks")) { try $0.target(named: name) }
        #expect(rollback.outcome?.result == .applied)
        #expect(try await fixture.secureChannelRefs().map(\.uuid) == before.map(\.uuid) || before.isEmpty)
        await fixture.finish()
    }

    @Test("a change that needed no override prints a rollback without --override-checks")
    func rollbackWithoutOverride() async throws {
        let fixture = try await RotationFixture.start(ready: true)
        let run = try await fixture.rotate(target: Self.existing)
        let command = try #require(run.audit?.rollbackCommand)
        #expect(!command.contains("--override-checks"))
        #expect(RotationCommandLine.rollbackOverrideNote(try #require(run.flow.plan)) == nil)
        await fixture.finish()
    }

    @Test("a dry run past failed must-checks still shows the plan the override would send, and sends nothing")
    func dryRunPastFailedChecks() async throws {
        let fixture = try await RotationFixture.start(version: "18.2.6", ready: false)
        let run = try await fixture.rotate(dryRun: true, target: Self.existing)
        #expect(run.flow.dryRunPassedFailedChecks)
        #expect(run.lastEffect == .finishedDryRun)
        let plan = try #require(run.flow.plan)
        #expect(plan.bypassFlag == true)
        #expect(RotationText.plan(plan, wouldStop: true).contains { $0.contains("without it the run stops at step 4") })
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }
}
