import Foundation
import Testing
@testable import Console

/// A PEM file holding both the key and the certificate (issue 10 item 15): it was refused as
/// "key type or size not supported" for an RSA 2048 key. The key block alone is read and uploaded.
@Suite struct CombinedPEMTests {
    /// `openssl req -x509` with the given key options; returns (key PEM, certificate PEM).
    static func make(_ keyOptions: [String]) throws -> (key: String, certificate: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-combined-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("key.pem").path
        let certificate = directory.appendingPathComponent("cert.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-nodes", "-days", "90", "-subj", "/CN=combined.example.test",
                             "-keyout", key, "-out", certificate] + keyOptions
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return (try String(contentsOfFile: key, encoding: .utf8), try String(contentsOfFile: certificate, encoding: .utf8))
    }

    @Test(arguments: [["-newkey", "rsa:2048"], ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]])
    func aCombinedFileGivesItsKeyAndItsCertificate(_ keyOptions: [String]) throws {
        let (key, certificate) = try Self.make(keyOptions)
        for combined in [key + certificate, certificate + key] {
            let loaded = try PrivateKeyLoader.load(pem: combined, passphrase: nil, source: "combined.pem")
            #expect(!loaded.pemForUpload.contains("CERTIFICATE"), "only the key is uploaded as the key")
            #expect(loaded.pemForUpload.contains("PRIVATE KEY-----"))
            let facts = try CertificateFacts.parseAll(pem: combined, source: "combined.pem")
            #expect(facts.count == 1, "the certificate is read from the same file")
        }
    }

    @Test func twoKeysInOneFileAreNamedAsSuch() throws {
        let (first, certificate) = try Self.make(["-newkey", "rsa:2048"])
        let (second, _) = try Self.make(["-newkey", "rsa:2048"])
        #expect(throws: PrivateKeyError.severalKeys(source: "two.pem", count: 2)) {
            try PrivateKeyLoader.load(pem: first + certificate + second, passphrase: nil, source: "two.pem")
        }
        #expect(throws: PrivateKeyError.noKey(source: "cert.pem")) {
            try PrivateKeyLoader.load(pem: certificate, passphrase: nil, source: "cert.pem")
        }
    }
}
