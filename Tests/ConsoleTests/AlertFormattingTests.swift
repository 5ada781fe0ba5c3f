import AviAPI
import Console
import Foundation
import Testing

@Suite("alerts: lines, filters, --since, follow")
struct AlertFormattingTests {
    let now = CheckFixtures.now

    @Test func oneLinePerAlert() throws {
        let alert = try CheckFixtures.alert("alert-1", at: 0, object: "se-03", summary: "Service Engine down")
        #expect(AlertLine.text(alert) == "\(AviDate.rfc3339(now)) HIGH   se-03: Service Engine down")
        let low = try CheckFixtures.alert("alert-2", level: "ALERT_LOW", summary: "x")
        #expect(AlertLine.text(low).contains(" LOW    se-1: x"))
    }

    @Test func hostileTextStaysOnOneSafeLine() throws {
        let alert = try CheckFixtures.alert("a", object: "se\\u001b[2J", summary: "line1\\nline2\\u202e")
        let line = AlertLine.text(alert)
        #expect(!line.contains("\n"))
        #expect(!line.contains("\u{1B}"))
        #expect(!line.contains("\u{202E}"))
        let json = AlertLine.json(alert)
        #expect(!json.contains("\n"))
        #expect(!json.contains("\u{1B}"))
    }

    @Test func jsonLinesCarryTheStatusKeys() throws {
        let json = AlertLine.json(try CheckFixtures.alert("alert-9", summary: "down"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["uuid"] as? String == "alert-9")
        #expect(object["level"] as? String == "ALERT_HIGH")
        #expect(object["time"] as? String == AviDate.rfc3339(now))
        #expect(object["object"] as? String == "se-1")
        #expect(object["summary"] as? String == "down")
        #expect(object["event_id"] as? String == "SE_DOWN")
    }

    @Test func sinceDurations() {
        #expect(SinceDuration.parse("30s") == 30)
        #expect(SinceDuration.parse("15m") == 900)
        #expect(SinceDuration.parse("2h") == 7200)
        #expect(SinceDuration.parse("7d") == 604_800)
        #expect(SinceDuration.parse("1w") == 604_800)
        #expect(SinceDuration.parse("1h30m") == 5400)
        #expect(SinceDuration.parse("90") == 90)
        #expect(SinceDuration.parse("2H") == 7200)
        #expect(SinceDuration.parse("") == nil)
        #expect(SinceDuration.parse("h") == nil)
        #expect(SinceDuration.parse("1h30") == nil)
        #expect(SinceDuration.parse("5y") == nil)
        #expect(SinceDuration.parse("-5m") == nil)
    }

    @Test func levelFilterIsAMinimum() throws {
        #expect(AlertFilter.level(named: "medium") == .medium)
        #expect(AlertFilter.level(named: "ALERT_HIGH") == .high)
        #expect(AlertFilter.level(named: "urgent") == nil)
        let alerts = [try CheckFixtures.alert("h", level: "ALERT_HIGH"), try CheckFixtures.alert("m", level: "ALERT_MEDIUM", at: 1),
                      try CheckFixtures.alert("l", level: "ALERT_LOW", at: 2)]
        #expect(AlertFilter(minimumLevel: .medium).select(alerts).map(\.uuid) == ["h", "m"])
        #expect(AlertFilter(minimumLevel: .high).select(alerts).map(\.uuid) == ["h"])
        #expect(AlertFilter().select(alerts).map(\.uuid) == ["h", "m", "l"])
    }

    @Test func sinceKeepsRecentOnesNewestLast() throws {
        let alerts = [try CheckFixtures.alert("new", at: -10), try CheckFixtures.alert("old", at: -7200), try CheckFixtures.alert("mid", at: -600)]
        let filter = AlertFilter(since: now.addingTimeInterval(-(SinceDuration.parse("15m") ?? 0)))
        #expect(filter.select(alerts).map(\.uuid) == ["mid", "new"])
    }

    @Test func followerPrintsEachAlertOnceOldestFirst() throws {
        var follower = AlertFollower(filter: AlertFilter(minimumLevel: .medium))
        let first = follower.admit([try CheckFixtures.alert("b", at: 2), try CheckFixtures.alert("a", at: 1)])
        #expect(first.map(\.uuid) == ["a", "b"])
        let second = follower.admit([try CheckFixtures.alert("c", at: 3), try CheckFixtures.alert("b", at: 2),
                                     try CheckFixtures.alert("d", level: "ALERT_LOW", at: 4)])
        #expect(second.map(\.uuid) == ["c"])
        #expect(follower.admit([try CheckFixtures.alert("d", level: "ALERT_LOW", at: 4)]).isEmpty)
        #expect(follower.seenCount == 4)
    }

    @Test func followerTreatsAReissuedUUIDWithANewTimeAsNew() throws {
        var follower = AlertFollower(filter: AlertFilter())
        _ = follower.admit([try CheckFixtures.alert("a", at: 1)])
        #expect(follower.admit([try CheckFixtures.alert("a", at: 1)]).isEmpty)
        #expect(follower.admit([try CheckFixtures.alert("a", at: 9)]).map(\.timestamp) == [now.timeIntervalSince1970 + 9])
    }

    @Test func followerAfterAReconnectPrintsOnlyWhatIsNewerThanWhatItSaw() throws {
        var follower = AlertFollower(filter: AlertFilter())
        _ = follower.admit([try CheckFixtures.alert("a", at: 1), try CheckFixtures.alert("b", at: 5)])
        // A restarted controller: its history comes back under the same uuids with other times,
        // plus one alert raised since.
        let page = [try CheckFixtures.alert("a", at: 2), try CheckFixtures.alert("b", at: 4), try CheckFixtures.alert("c", at: 7)]
        #expect(follower.admitAfterReconnect(page).map(\.uuid) == ["c"])
        #expect(follower.admit(page).isEmpty)
        #expect(follower.admit([try CheckFixtures.alert("a", at: 8)]).map(\.uuid) == ["a"])
    }

    @Test func followerNoticesAPageWithNothingKnown() throws {
        var follower = AlertFollower(filter: AlertFilter())
        _ = follower.admit([try CheckFixtures.alert("a")])
        let page = [try CheckFixtures.alert("x", at: 5), try CheckFixtures.alert("y", at: 6)]
        #expect(follower.pageMayHaveGap(page, pageSize: 2))
        #expect(!follower.pageMayHaveGap(page, pageSize: 3))
        #expect(!follower.pageMayHaveGap(page + [try CheckFixtures.alert("a")], pageSize: 3))
    }

    @Test func followerForgetsTheOldestPastItsCapacity() throws {
        var follower = AlertFollower(filter: AlertFilter(), capacity: 10)
        for index in 0..<11 { _ = follower.admit([try CheckFixtures.alert("a\(index)", at: Double(index))]) }
        #expect(follower.seenCount == 9)
        #expect(follower.admit([try CheckFixtures.alert("a10", at: 10)]).isEmpty)
    }
}
