import AviAPI
import Console
import Foundation
import Testing

@Suite("Derived summaries")
struct SummaryTests {
    @Test func expiryBuckets() {
        #expect(ExpiryBucket(daysLeft: -1) == .expired)
        #expect(ExpiryBucket(daysLeft: 0) == .critical)
        #expect(ExpiryBucket(daysLeft: 7) == .critical)
        #expect(ExpiryBucket(daysLeft: 8) == .warning)
        #expect(ExpiryBucket(daysLeft: 30) == .warning)
        #expect(ExpiryBucket(daysLeft: 31) == .ok)
        #expect(ExpiryBucket(daysLeft: nil) == .unknown)
    }

    @Test func alertMergeKeepsOneOfEachNewestFirst() throws {
        func alert(_ uuid: String, _ time: Double) throws -> Alert {
            try JSONDecoder().decode(Alert.self, from: Data(#"{"uuid":"\#(uuid)","level":"ALERT_LOW","timestamp":\#(time)}"#.utf8))
        }
        let known = [try alert("b", 2), try alert("a", 1)]
        let merged = AlertMerge.merge(newest: [try alert("c", 3), try alert("b", 2)], into: known)
        #expect(merged.map(\.uuid) == ["c", "b", "a"])
    }

    @Test func retryDelayDoublesToTheCapAndNeverUndercutsTheCadence() {
        let cadence = RefreshCadence()
        #expect(cadence.delay(base: 5, failures: 0) == 5)
        #expect(cadence.delay(base: 5, failures: 1) == 10)
        #expect(cadence.delay(base: 5, failures: 2) == 20)
        #expect(cadence.delay(base: 5, failures: 9) == 180)
        #expect(cadence.delay(base: 2, failures: 100) == 180)
        #expect(cadence.delay(base: 600, failures: 3) == 600)
        #expect(cadence.delay(base: 5, failures: 1, forbidden: true) == 600)
    }
}
