import Foundation

extension URL {
    /// `host:port` when a port is given, else the host: what messages name.
    public var hostAndPort: String {
        guard let host else { return absoluteString }
        return port.map { "\(host):\($0)" } ?? host
    }
}
