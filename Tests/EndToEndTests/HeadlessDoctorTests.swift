import Foundation
import Simulator
import Testing

/// `avitui doctor` against the simulator: every controller step OK, then the step that fails.
@Suite("headless: doctor", .serialized)
struct HeadlessDoctorTests {
    @Test func everyStepOKThenTheFailingOneWithAFix() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        var environment = Headless.environment(endpoint)
        environment["TERM"] = "xterm-256color"

        let good = try Headless.run(["doctor"], environment: environment)
        #expect(good.status == 0, "\(good.stdout)")
        for line in ["OK    reachable", "OK    TLS            trusted: CA file \(endpoint.caFile.path)", "OK    login          admin@admin",
                     "OK    API version    X-Avi-Version 31.2.1; controller 31.2.1", "OK    write access"] {
            #expect(good.stdout.contains(line), "\(line)\n\(good.stdout)")
        }
        #expect(!good.stdout.contains("FAIL"))

        environment["AVI_CA_FILE"] = nil
        let untrusted = try Headless.run(["doctor"], environment: environment)
        #expect(untrusted.status == 1)
        #expect(untrusted.stdout.contains("FAIL  TLS"))
        #expect(untrusted.stdout.contains("fix: pass --ca-file"))

        environment["AVI_CA_FILE"] = endpoint.caFile.path
        environment["AVI_USERNAME"] = endpoint.readOnlyUsername
        environment["AVI_PASSWORD"] = endpoint.readOnlyPassword
        let monitor = try Headless.run(["doctor"], environment: environment)
        #expect(monitor.status == 0)
        #expect(monitor.stdout.contains("INFO  write access   cannot write the system configuration"))

        environment["AVI_PASSWORD"] = "wrong"
        let badLogin = try Headless.run(["doctor"], environment: environment)
        #expect(badLogin.status == 1)
        #expect(badLogin.stdout.contains("FAIL  login"))
    }

    @Test func coreDumpsAreOffInTheRunningProcess() throws {
        var environment = Headless.environment(nil)
        environment["TERM"] = "xterm-256color"
        let run = try Headless.run(["doctor"], environment: environment)
        #expect(run.stdout.contains("OK    core dumps     off (core size limit 0, process not dumpable)"), "\(run.stdout)")
    }

    /// `--api-version` newer than the controller: every read is answered 400, and doctor says so.
    @Test func aRejectedAPIVersionHeaderIsAFailureWithAFix() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        var environment = Headless.environment(endpoint)
        environment["TERM"] = "xterm-256color"
        environment["AVI_API_VERSION"] = "99.1.1"
        let run = try Headless.run(["doctor"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL  API version    the controller rejects the X-Avi-Version header"), "\(run.stdout)")
        #expect(run.stdout.contains("99.1.1"))
        #expect(run.stdout.contains("fix: pass --api-version"))
    }

    /// A patch build reports "22.1.6-2p3": the header is derived as 22.1.6 and accepted.
    @Test func aSuffixedControllerVersionIsAcceptedByDoctor() async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.version = "22.1.6-2p3" }
        defer { Task { try? await simulator.stop() } }
        var environment = Headless.environment(endpoint)
        environment["TERM"] = "xterm-256color"
        let run = try Headless.run(["doctor"], environment: environment)
        #expect(run.stdout.contains("OK    API version    X-Avi-Version 22.1.6; controller 22.1.6-2p3"), "\(run.stdout)")
    }
}
