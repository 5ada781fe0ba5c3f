import Crypto
import _CryptoExtras
import Foundation
import NIOSSL
import X509

/// A private key read from PEM, decrypted when it was encrypted.
public struct LoadedPrivateKey: Sendable {
    public let key: Certificate.PrivateKey
    public let description: KeyDescription
    public let wasEncrypted: Bool
    /// The key as it is sent to the controller: the operator's own PEM when it was clear,
    /// else the decrypted key (so no passphrase travels with it). A secret: never printed.
    public let pemForUpload: String
}

/// Why a private key could not be used.
public enum PrivateKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case noKey(source: String)
    case passphraseRequired(source: String)
    case wrongPassphrase(source: String)
    case unreadable(source: String, detail: String)
    case unsupported(source: String, detail: String)
    case severalKeys(source: String, count: Int)

    public var description: String {
        switch self {
        case let .noKey(source): return "\(source) holds no PEM private key"
        case let .passphraseRequired(source): return "\(source) is encrypted — give its passphrase (--passphrase-file, or type it when asked)"
        case let .wrongPassphrase(source): return "\(source) could not be decrypted with that passphrase"
        case let .unreadable(source, detail): return "\(source) is not a usable private key: \(detail)"
        case let .unsupported(source, detail): return "\(source): \(detail) — use RSA 2048 bits or more, or EC P-256/P-384"
        case let .severalKeys(source, count): return "\(source) holds \(count) private keys — give a file with the one key of the certificate"
        }
    }
}

/// Reads PKCS#8 (`BEGIN PRIVATE KEY`), traditional (`BEGIN RSA/EC PRIVATE KEY`) and encrypted
/// (`BEGIN ENCRYPTED PRIVATE KEY`, or `Proc-Type: 4,ENCRYPTED`) keys. swift-certificates cannot
/// decrypt, so encrypted keys go through NIOSSL's BoringSSL — always with a passphrase callback,
/// because without one BoringSSL would prompt on stdin and hang a terminal UI.
public enum PrivateKeyLoader {
    public static func isEncrypted(_ pem: String) -> Bool {
        pem.contains("BEGIN ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED")
    }

    /// - Parameter pem: the file's text; it may also hold certificates (a combined key and
    ///   certificate file): only the one private-key block is read and uploaded.
    /// - Throws: `PrivateKeyError` naming `source`.
    public static func load(pem file: String, passphrase: String?, source: String) throws -> LoadedPrivateKey {
        let pem = try keyBlock(in: file, source: source)
        if isEncrypted(pem) {
            guard let passphrase else { throw PrivateKeyError.passphraseRequired(source: source) }
            return try decrypt(pem: pem, passphrase: passphrase, source: source)
        }
        let key: Certificate.PrivateKey
        do {
            key = try Certificate.PrivateKey(pemEncoded: pem)
        } catch {
            // swift-crypto refuses RSA under 2048 bits; BoringSSL still reads such a key.
            if (try? NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem) { setter in setter(Array<UInt8>()) }) != nil {
                throw PrivateKeyError.unsupported(source: source, detail: "the key type or size is not supported")
            }
            throw PrivateKeyError.unreadable(source: source, detail: "\(error)")
        }
        return LoadedPrivateKey(key: key, description: KeyDescription(key.publicKey), wasEncrypted: false,
                                pemForUpload: pem.trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
    }

    /// The one `-----BEGIN … PRIVATE KEY-----` block of `text` (headers such as `Proc-Type`
    /// kept), without the certificates a combined file also holds.
    static func keyBlock(in text: String, source: String) throws -> String {
        let pattern = #"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----"#
        let expression = try NSRegularExpression(pattern: pattern)
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard let first = matches.first, let range = Range(first.range, in: text) else { throw PrivateKeyError.noKey(source: source) }
        guard matches.count == 1 else { throw PrivateKeyError.severalKeys(source: source, count: matches.count) }
        return String(text[range]) + "\n"
    }

    private static func decrypt(pem: String, passphrase: String, source: String) throws -> LoadedPrivateKey {
        let der: [UInt8]
        do {
            let secret = Array(passphrase.utf8)
            der = try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem) { setter in setter(secret) }.derBytes
        } catch {
            throw PrivateKeyError.wrongPassphrase(source: source)
        }
        // BoringSSL gives the traditional DER: PKCS#1 for RSA, SEC1 for EC.
        let key: Certificate.PrivateKey
        if let rsa = try? _RSA.Signing.PrivateKey(derRepresentation: der) {
            key = Certificate.PrivateKey(rsa)
        } else if let p256 = try? P256.Signing.PrivateKey(derRepresentation: der) {
            key = Certificate.PrivateKey(p256)
        } else if let p384 = try? P384.Signing.PrivateKey(derRepresentation: der) {
            key = Certificate.PrivateKey(p384)
        } else {
            throw PrivateKeyError.unsupported(source: source, detail: "the decrypted key type or size is not supported")
        }
        let upload: String
        do { upload = try key.serializeAsPEM().pemString + "\n" } catch {
            throw PrivateKeyError.unreadable(source: source, detail: "the decrypted key cannot be written as PEM")
        }
        return LoadedPrivateKey(key: key, description: KeyDescription(key.publicKey), wasEncrypted: true, pemForUpload: upload)
    }
}
