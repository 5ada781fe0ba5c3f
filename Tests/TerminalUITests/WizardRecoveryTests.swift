import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// The wizard when the secure channel reacts: a failure offers the rollback (r + cluster name),
/// step 1 verifies without changing anything, step 2 searches thousands of candidates.
@Suite("Rotation wizard: rollback, verify only, search", .serialized)
struct WizardRecoveryTests {
    typealias Harness = WizardTests.Harness

    @Test("a failed verification names the peers and offers the rollback: r, the cluster name, then the previous certificate is back and audited")
    func rollbackFromStep8() async throws {
        let harness = try await Harness.start(ready: false, reaction: .fail)
        harness.simulator.makeSecureChannelHealthy()
        harness.wizard.open(context: harness.context)
        await harness.wizard.settle()
        harness.press(.enter)
        let index = try #require(harness.wizard.currentState.candidates(now: Date()).firstIndex { $0.isUsable })
        for _ in 0..<(index + RotationWizardState.ExtraRow.allCases.count) { harness.press(.down) }
        harness.press(.enter, .enter, .character("o"))
        harness.type(RotationFlow.overridePhrase)
        harness.press(.enter)
        #expect(harness.screen().contains("[5/8] Plan"))
        // The rollback is planned at step 5.
        var plan = ""
        for _ in 0..<6 { plan += harness.screen(); harness.press(.pageDown) }
        #expect(plan.contains("rollback (planned now"))
        harness.press(.enter)
        let cluster = try #require(harness.wizard.currentState.flow?.context.clusterName)
        harness.type(cluster)
        harness.press(.enter)
        await harness.wizard.settle()
        var screen = harness.screen()
        #expect(screen.contains("verification FAILED"), "\(screen)")
        #expect(screen.contains("did not come back:"))
        #expect(screen.contains("r roll back"))
        #expect(harness.wizard.currentState.rollbackOffered)

        harness.press(.character("r"))
        harness.type("not-the-cluster")
        harness.press(.enter)
        #expect(harness.wizard.currentState.message?.contains("nothing was sent") == true)
        // As at step 6, a wrong name keeps the prompt open (emptied) for another try.
        #expect(harness.wizard.currentState.confirmingRollback)
        #expect(harness.screen().contains("type the cluster name '\(cluster)' and Enter to roll back:"))
        harness.type(cluster)
        harness.press(.enter)
        await harness.wizard.settle()
        screen = harness.screen()
        #expect(screen.contains("rolled back: the previous certificate is in place"), "\(screen)")
        #expect(screen.contains("rollback recorded in"))
        // The rollback's read-back names what it restored, not "the new certificate".
        let rollbackLines = RotationText.rollback(try #require(harness.wizard.currentState.rollback))
        #expect(rollbackLines.contains("ok   configuration read back: the secure channel refers to the previous certificate"), "\(rollbackLines)")
        let audit = try String(contentsOf: harness.directory.appendingPathComponent("state/avitui/audit.jsonl"), encoding: .utf8)
        #expect(audit.contains("\"action\":\"rollback_after_failed_verification\""))
        #expect(harness.simulator.mappingStatuses().values.allSatisfy { $0.hasSuffix("_SUCCESS") })
        #expect(harness.writes.allSatisfy { $0.path == "/api/systemconfiguration" }, "never a System-Default object")
        await harness.finish()
    }

    @Test("step 1: v verifies the secure channel as it is and changes nothing")
    func verifyOnlyFromStep1() async throws {
        let harness = try await Harness.start()
        harness.wizard.open(context: harness.context)
        await harness.wizard.settle()
        #expect(harness.screen().contains("v verify only"))
        harness.press(.character("v"))
        await harness.wizard.settle()
        let screen = harness.screen()
        #expect(screen.contains("verify only (nothing was changed):"), "\(screen)")
        #expect(screen.contains("secure-channel mappings"))
        #expect(harness.writes.isEmpty)
        harness.press(.character("x"))
        #expect(harness.screen().contains("[1/8] Current certificate"))
        await harness.finish()
    }

    @Test("step 2: import and CSR first, search narrows thousands of candidates, best first")
    func searchAtScale() async throws {
        let harness = try await Harness.start(certificates: 5000)
        harness.wizard.open(context: harness.context)
        await harness.wizard.settle()
        harness.press(.enter)
        let state = harness.wizard.currentState
        #expect(state.candidateList.count > 5000, "\(harness.screen())")
        // Best first: every usable candidate before every unusable one, the longest validity first among clean ones.
        let firstBad = state.candidateList.firstIndex { !$0.isUsable } ?? state.candidateList.count
        #expect(state.candidateList[firstBad...].allSatisfy { !$0.isUsable })
        let screen = harness.screen()
        let lines = screen.split(separator: "\n").map(String.init)
        let importAt = try #require(lines.firstIndex { $0.contains("import from PEM files") })
        #expect(lines[importAt + 1].contains("make a CSR on the controller"))
        let name = try #require(state.candidateList.first { $0.isUsable }?.name)
        harness.press(.character("/"))
        harness.type(name)
        harness.press(.enter)
        let found = harness.wizard.currentState.candidates(now: Date())
        #expect(found.contains { $0.name == name })
        #expect(found.count < 50)
        #expect(harness.screen().contains("search: \(name)"))
        await harness.finish()
    }

    @Test("step 2: c makes a CSR on the controller; its pending object is listed and Enter opens its completion")
    func signingRequestFromStep2() async throws {
        let harness = try await Harness.start()
        harness.wizard.open(context: harness.context)
        await harness.wizard.settle()
        harness.press(.enter, .character("c"))
        harness.type("sc-wizard-csr")
        harness.press(.tab)
        harness.type("CN=wizard.example.test, O=Example")
        harness.press(.tab)
        let csrPath = harness.directory.appendingPathComponent("wizard.csr").path
        harness.type(csrPath)
        harness.press(.enter)
        await harness.wizard.settle()
        #expect(harness.screen().contains("created sc-wizard-csr"), "\(harness.screen())")
        #expect(try String(contentsOfFile: csrPath, encoding: .utf8).contains("BEGIN CERTIFICATE REQUEST"))
        harness.press(.character("/"))
        harness.type("sc-wizard-csr")
        harness.press(.enter)
        #expect(harness.screen().contains("CSR waiting for its signed certificate"))
        for _ in 0..<RotationWizardState.ExtraRow.allCases.count { harness.press(.down) }
        harness.press(.enter)
        #expect(harness.screen().contains("complete sc-wizard-csr"))
        #expect(harness.writes.map(\.method) == ["POST"], "only the CSR was created")
        await harness.finish()
    }
}
