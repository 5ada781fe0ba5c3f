import Foundation

/// `SHA1 Fingerprint=8E:A1:…\n` exactly as the controller prints it.
enum FingerprintFormat {
    static func sha1Line(_ digest: some Sequence<UInt8>) -> String {
        "SHA1 Fingerprint=" + digest.map { String(format: "%02X", $0) }.joined(separator: ":") + "\n"
    }
}
