import Foundation
import Testing

/// A controller address that accepts TCP but never speaks TLS (a stuck listener).
/// The message names the timer that fired; one-shot commands never promise a retry.
@Suite("headless: timeouts are named")
struct HeadlessTimeoutTests {
    /// A listening socket that never accepts: the kernel completes the TCP handshake, nobody answers.
    final class SilentListener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            self.descriptor = descriptor
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    @Test(arguments: [["status"], ["status", "--json"], ["check", "cluster"]])
    func aStuckTLSHandshakeNamesTheConnectTimeoutAndPromisesNoRetry(_ command: [String]) throws {
        let listener = try SilentListener()
        let environment = Headless.environment(nil, controller: "https://127.0.0.1:\(listener.port)")
        let run = try Headless.run(command + ["--connect-timeout", "1"], environment: environment)
        let text = run.stderr + run.stdout
        #expect(run.status != 0)
        #expect(text.contains("did not complete the TLS handshake within 1 s (connect timeout, --connect-timeout)"), "\(text)")
        #expect(!text.contains("within 30 s"), "\(text)")
        #expect(!text.contains("retrying"), "\(text)")
    }
}
