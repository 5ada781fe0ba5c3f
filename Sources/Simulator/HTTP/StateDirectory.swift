import Crypto
import Foundation
import X509

/// Where a simulator keeps `ca.pem`. A directory given with `--state-dir`
/// keeps its CA key (`ca-key.pem`, mode 0600) and reuses it at every start, so
/// clients holding its `ca.pem` still trust a restarted simulator, and two
/// simulators sharing it share one CA instead of overwriting each other.
/// Without one, a temporary `avitui-sim-*` directory is made, marked with the
/// owner's pid, removed when the simulator stops, and swept by the next start
/// if its owner died without stopping.
enum StateDirectory {
    static let prefix = "avitui-sim-"

    /// A fresh temporary directory (after sweeping those of dead owners).
    static func temporary() throws -> URL {
        let base = FileManager.default.temporaryDirectory
        sweep(base)
        let directory = base.appendingPathComponent(prefix + SecretGenerator.token(length: 10), isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("\(getpid())\n".utf8).write(to: directory.appendingPathComponent("owner.pid"))
        return directory
    }

    /// Removes `avitui-sim-*` directories whose owner process no longer exists.
    static func sweep(_ base: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let directory = base.appendingPathComponent(name, isDirectory: true)
            guard let text = try? String(contentsOf: directory.appendingPathComponent("owner.pid"), encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(at: directory) }
        }
    }

    /// The CA key kept in `directory`, made on first use. Created with link(2), which never
    /// overwrites: when two simulators start at once, the loser reads the winner's key.
    static func caKey(in directory: URL) throws -> P256.Signing.PrivateKey {
        let path = directory.appendingPathComponent("ca-key.pem")
        if let text = try? String(contentsOf: path, encoding: .utf8) { return try P256.Signing.PrivateKey(pemRepresentation: text) }
        let key = P256.Signing.PrivateKey()
        let temporary = directory.appendingPathComponent(".ca-key-\(SecretGenerator.token(length: 8)).pem")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw SimulatorError.cannotWrite("\(temporary.path): errno \(errno)") }
        let bytes = Array(key.pemRepresentation.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        defer { unlink(temporary.path) }
        guard written == bytes.count else { throw SimulatorError.cannotWrite("\(temporary.path)") }
        if link(temporary.path, path.path) != 0 {
            guard errno == EEXIST else { throw SimulatorError.cannotWrite("\(path.path): errno \(errno)") }
            return try P256.Signing.PrivateKey(pemRepresentation: String(contentsOf: path, encoding: .utf8))
        }
        return key
    }

    /// Whether `ca.pem` in `directory` is a certificate for `key` (then it is kept as it is).
    static func caFileMatches(_ file: URL, key: P256.Signing.PrivateKey) -> Bool {
        guard let text = try? String(contentsOf: file, encoding: .utf8), let certificate = try? Certificate(pemEncoded: text) else {
            return false
        }
        return certificate.publicKey == Certificate.PublicKey(key.publicKey)
    }
}
