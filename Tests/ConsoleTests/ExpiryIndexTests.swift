import AviAPI
import Console
import Foundation
import Testing

/// The Overview's counts from sorted dates must be exactly what counting each certificate's
/// bucket gives, at every moment, including the boundaries of each bucket.
@Suite("Expiry index")
struct ExpiryIndexTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func certificate(_ name: String, notAfter: Date?, notBefore: Date?) throws -> SSLKeyAndCertificate {
        let after = notAfter.map { #","not_after":"\#(AviDate.controllerFormat($0))""# } ?? ""
        let before = notBefore.map { #","not_before":"\#(AviDate.controllerFormat($0))""# } ?? ""
        return try JSONDecoder().decode(SSLKeyAndCertificate.self, from: Data("""
            {"uuid":"sslkeyandcertificate-\(name)","name":"\(name)","certificate":{"subject":{"common_name":"x"}\(after)\(before)}}
            """.utf8))
    }

    @Test func countsAgreeWithBucketsOneByOneAtEveryBoundary() throws {
        // Expiries on and around each boundary (0, 8 and 31 days), some undated, some not valid yet.
        var certificates: [SSLKeyAndCertificate] = []
        var number = 0
        for days in [-400.0, -1, 0, 7, 8, 30, 31, 365] {
            for offset in [-1.0, 0, 1] {
                number += 1
                let notBefore = number % 5 == 0 ? Self.now.addingTimeInterval(3600) : Self.now.addingTimeInterval(-86_400)
                certificates.append(try Self.certificate("c\(number)", notAfter: Self.now.addingTimeInterval(days * 86_400 + offset),
                                                         notBefore: notBefore))
            }
        }
        certificates.append(try Self.certificate("undated", notAfter: nil, notBefore: nil))
        let index = ExpiryIndex(certificates)
        let shifts: [TimeInterval] = [0, 1, 59, 3600, 86_399, 86_400, 3 * 86_400]
        for shift in shifts {
            let now = Self.now.addingTimeInterval(shift)
            let rows = certificates.map { CertificateRow($0, usage: .empty, now: now) }
            var expected: [ExpiryBucket: Int] = [:]
            for row in rows { expected[row.bucket, default: 0] += 1 }
            #expect(index.buckets(now: now) == expected, "at +\(shift) s")
            #expect(index.notYetValid(now: now) == rows.filter { $0.notYetValid && $0.bucket != .expired }.count, "at +\(shift) s")
        }
        let soonest = index.soonestFirst.map { certificates[$0].notAfter! }
        #expect(soonest == soonest.sorted())
        #expect(index.soonestFirst.count == certificates.count - 1)
    }
}
