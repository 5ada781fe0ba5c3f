import Foundation
@testable import Simulator

/// A tiny test-only HTTPS client: /usr/bin/curl with the simulator's CA
/// (URLSession on Linux cannot trust a custom CA). Keeps session cookies.
final class CurlClient: @unchecked Sendable {
    struct Response {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: Data
        let exitCode: Int32

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        func headers(_ name: String) -> [String] { headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value) }
    }

    let endpoint: SimulatorEndpoint
    var cookies: [String: String] = [:]
    var apiVersion: String?
    var sendCSRF = true
    var extraHeaders: [String: String] = [:]

    init(_ endpoint: SimulatorEndpoint, apiVersion: String? = nil) {
        self.endpoint = endpoint
        self.apiVersion = apiVersion
    }

    var csrfToken: String? { cookies["csrftoken"] }

    @discardableResult
    func login(username: String? = nil, password: String? = nil, json: Bool = false) throws -> Response {
        let user = username ?? endpoint.username
        let pass = password ?? endpoint.password
        if json {
            let body = try JSONSerialization.data(withJSONObject: ["username": user, "password": pass])
            return try send("POST", "/login", body: body, contentType: "application/json", session: false)
        }
        let form = "username=\(user)&password=\(pass.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? pass)"
        return try send("POST", "/login", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded", session: false)
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> Response {
        try send("GET", path, headers: headers)
    }

    func send(_ method: String, _ path: String, json: Any, headers: [String: String] = [:]) throws -> Response {
        try send(method, path, body: try JSONSerialization.data(withJSONObject: json), headers: headers)
    }

    func send(
        _ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
        headers: [String: String] = [:], session: Bool = true
    ) throws -> Response {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("simtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers")
        let bodyFile = directory.appendingPathComponent("body")
        var arguments = [
            "-sS", "--http1.1", "--cacert", endpoint.caFile.path, "-X", method,
            "-D", headerFile.path, "-o", bodyFile.path, "--max-time", "20",
        ]
        var all: [String: String] = ["Referer": endpoint.url.absoluteString]
        if let apiVersion { all["X-Avi-Version"] = apiVersion }
        if session {
            if !cookies.isEmpty {
                all["Cookie"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            }
            if sendCSRF, let csrfToken { all["X-CSRFToken"] = csrfToken }
        }
        for (key, value) in extraHeaders { all[key] = value }
        for (key, value) in headers { all[key] = value }
        if body != nil { all["Content-Type"] = contentType }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(key): \(value)"] }
        if let body {
            let input = directory.appendingPathComponent("input")
            try body.write(to: input)
            arguments += ["--data-binary", "@\(input.path)"]
        }
        arguments.append(endpoint.url.absoluteString + path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        var status = 0
        var parsed: [(String, String)] = []
        for line in rawHeaders.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
                parsed = []
            } else if let colon = line.firstIndex(of: ":") {
                parsed.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        for (name, value) in parsed where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";").first ?? ""
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 {
                if value.contains("Max-Age=0") { cookies[kv[0]] = nil } else { cookies[kv[0]] = kv[1] }
            }
        }
        let data = (try? Data(contentsOf: bodyFile)) ?? Data()
        return Response(status: status, headers: parsed, body: data, exitCode: process.terminationStatus)
    }
}

/// A started simulator for one test, stopped at the end.
struct Sim {
    static let fixedNow = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

    let simulator: ControllerSimulator
    let endpoint: SimulatorEndpoint

    static func start(_ configure: (inout SimulatorOptions) -> Void = { _ in }) async throws -> Sim {
        var options = SimulatorOptions()
        options.now = fixedNow
        options.alertInterval = nil
        options.certificates = 20
        options.alerts = 30
        options.serviceEngines = 8
        configure(&options)
        let simulator = ControllerSimulator(options: options)
        return Sim(simulator: simulator, endpoint: try await simulator.start())
    }

    func client(apiVersion: String? = "31.2.1") -> CurlClient { CurlClient(endpoint, apiVersion: apiVersion) }

    func loggedIn(apiVersion: String? = "31.2.1") throws -> CurlClient {
        let client = CurlClient(endpoint, apiVersion: apiVersion)
        try client.login()
        return client
    }

    func stop() async { try? await simulator.stop() }
}

extension Dictionary where Key == String, Value == Any {
    func dict(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    func list(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    func string(_ key: String) -> String? { self[key] as? String }
}
