import AviAPI
import Foundation
import Testing

@Suite("Controller addresses: https only, never a credential inside")
struct ControllerAddressTests {
    @Test(arguments: ["http://ctl.example.com", "HTTP://ctl.example.com:8080", "http://10.0.0.1/"])
    func plainHTTPIsRefusedWithOneLineSayingHTTPS(_ address: String) {
        #expect { _ = try ConnectionSettings.parseControllers(address) } throws: { error in
            let text = "\(error)"
            return text.contains("use https://") && !text.contains("\n")
        }
    }

    @Test(arguments: ["https://admin:s3cr3t@ctl.example.com", "admin:s3cr3t@ctl.example.com", "https://admin@ctl.example.com:8443",
                      "ctl-a.example.com, https://u:s3cr3t@ctl-b.example.com"])
    func credentialsInTheURLAreRefusedWithoutEchoingThem(_ address: String) {
        #expect { _ = try ConnectionSettings.parseControllers(address) } throws: { error in
            let text = "\(error)"
            return text.contains("must not hold a user or password") && !text.contains("s3cr3t") && text.contains("--username")
        }
    }

    @Test func hostsAndHTTPSURLsStillParse() throws {
        let urls = try ConnectionSettings.parseControllers("ctl.example.com, https://10.0.0.2:8443/ui")
        #expect(urls.map(\.absoluteString) == ["https://ctl.example.com", "https://10.0.0.2:8443"])
    }

    @Test func redactionHidesUserInfoOnly() {
        #expect(URL.redactingUserInfo("https://u:p@h:1/x@y") == "https://***@h:1/x@y")
        #expect(URL.redactingUserInfo("u:p@h") == "***@h")
        #expect(URL.redactingUserInfo("https://h/x") == "https://h/x")
        #expect(URL(string: "https://u:p@h:8443")?.withoutUserInfo.absoluteString == "https://h:8443")
    }

    /// Settings built in code (not parsed) with a credential in the URL: nothing sent carries it.
    @Test func noRequestCarriesUserInfoEvenWhenSettingsHoldIt() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        var components = try #require(URLComponents(url: fixture.endpoint.url, resolvingAgainstBaseURL: false))
        components.user = "admin"
        components.password = "s3cr3t"
        let recorder = RecordingTransport(inner: CurlTransport(trust: TLSTrust(caFile: fixture.endpoint.caFile.path)))
        let session = AviSession(settings: fixture.settings(controllers: [try #require(components.url)]), transport: recorder)
        _ = try await AviClient(session: session).clusterConfig()
        let sent = recorder.requests
        #expect(!sent.isEmpty)
        for request in sent {
            #expect(!request.url.absoluteString.contains("s3cr3t"))
            #expect(request.url.user == nil)
            for (name, value) in request.headers where name != "Cookie" { #expect(!value.contains("s3cr3t"), "\(name): \(value)") }
            #expect(request.headers.first { $0.0 == "Referer" }.map { !$0.1.contains("@") } ?? true)
        }
        #expect(await !session.controller.absoluteString.contains("s3cr3t"))
    }

    @Test func theTransportRefusesPlainHTTP() async throws {
        let transport = CurlTransport()
        await #expect {
            _ = try await transport.send(HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1:1/login")!))
        } throws: { "\($0)".contains("use https://") }
    }
}

/// Passes requests on and keeps a copy of each, as sent.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: HTTPTransport
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []

    init(inner: HTTPTransport) { self.inner = inner }

    var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return sent
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return try await inner.send(request)
    }
}
