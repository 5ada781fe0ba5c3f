/// `--listen HOST:PORT` (`[::1]:9799` for IPv6). Loopback unless the operator confirms otherwise:
/// the exporter has no authentication of its own, so anything that can reach it reads the metrics.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// The default: loopback only.
    public static let defaultValue = ListenAddress(host: "127.0.0.1", port: 9799)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// A bad value, as one line saying what to give instead.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func parse(_ text: String) throws -> ListenAddress {
        let example = "e.g. --listen 127.0.0.1:9799 or --listen [::1]:9799"
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw Invalid(description: "--listen \(text) is not [IPv6]:PORT — \(example)")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw Invalid(description: "--listen \(text) is not HOST:PORT — \(example)")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw Invalid(description: "--listen \(text) has no host — \(example)") }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw Invalid(description: "--listen \(text): the port must be a number from 0 to 65535 — \(example)")
        }
        return ListenAddress(host: String(host), port: port)
    }

    /// 127.0.0.0/8, ::1 or `localhost`.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `127.0.0.1:9799`, `[::1]:9799`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
