import AviAPI
@testable import Console
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

    @Test func alertMergeInterleavesByTimeAndReplacesKnownAlerts() throws {
        func alert(_ uuid: String, _ time: Double, _ level: String = "ALERT_LOW") throws -> Alert {
            try JSONDecoder().decode(Alert.self, from: Data(#"{"uuid":"\#(uuid)","level":"\#(level)","timestamp":\#(time)}"#.utf8))
        }
        let known = [try alert("e", 9), try alert("d", 7), try alert("c", 5), try alert("b", 3), try alert("a", 1)]
        // A page out of order: a late-arriving alert between known ones, and a known one changed.
        let page = [try alert("x", 4), try alert("c", 5, "ALERT_HIGH"), try alert("y", 10)]
        let merged = AlertMerge.merge(newest: page, into: known)
        #expect(merged.map(\.uuid) == ["y", "e", "d", "c", "x", "b", "a"])
        #expect(merged.first { $0.uuid == "c" }?.level == .high)
        #expect(AlertMerge.merge(newest: [], into: known).map(\.uuid) == known.map(\.uuid))
        // A full read that holds an alert twice (pages shifted mid-read) keeps it once.
        let twice = [try alert("b", 3), try alert("b", 3), try alert("a", 1)]
        #expect(AlertMerge.unique(twice).map(\.uuid) == ["b", "a"])
        #expect(AlertMerge.unique([try alert("a", 1), try alert("b", 3)]).map(\.uuid) == ["b", "a"])
        // Known alerts out of order (an older read) still come out newest first.
        let shuffled = [try alert("a", 1), try alert("e", 9), try alert("c", 5)]
        #expect(AlertMerge.merge(newest: [try alert("z", 6)], into: shuffled).map(\.uuid) == ["e", "z", "c", "a"])
    }

    @Test func alertLevelsAreCountedWithUnknownLevelsKept() throws {
        func alert(_ uuid: String, _ level: String) throws -> Alert {
            try JSONDecoder().decode(Alert.self, from: Data(#"{"uuid":"\#(uuid)","level":"\#(level)","timestamp":1}"#.utf8))
        }
        let alerts = [try alert("a", "ALERT_HIGH"), try alert("b", "ALERT_HIGH"), try alert("c", "ALERT_LOW"), try alert("d", "ALERT_CRITICAL")]
        let counts = OverviewSummary.countLevels(alerts)
        #expect(counts == [.high: 2, .low: 1, AlertLevel(rawValue: "ALERT_CRITICAL"): 1])
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
