import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Defects a QA walkthrough found at 80x24, under 8 colours and NO_COLOR,
/// and through an outage — each pinned by a test that failed before its fix.
@Suite(.serialized) struct ScreenWalkthroughTests {
    @Test func serviceEnginesShowGroupNamesAndDetailsShowTheCutColumns() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (wide, wideScreen) = fixture.app(size: Size(width: 200, height: 50))
        wide.press(.character("3"))
        #expect(wideScreen.shows("Default-Group") || wideScreen.shows("Edge-Group"), "\(wideScreen.screenText)")
        #expect(!wideScreen.shows("serviceenginegroup-"), "names, not uuids")

        let (app, screen) = fixture.app(size: Size(width: 80, height: 24))
        app.press(.character("3"), .enter)
        #expect(screen.shows("version:"), "\(screen.screenText)")
        #expect(screen.shows("SE group:"))
        #expect(screen.shows("cloud:"))
        #expect(screen.shows("-Group"))
    }

    @Test func secureChannelStatusesAreInAStableOrder() {
        func mapping(_ name: String, _ status: String) -> SecureChannelMapping {
            let json = #"{"uuid":"\#(name)","name":"\#(name)","status":"\#(status)","is_controller":false}"#
            return try! JSONDecoder().decode(SecureChannelMapping.self, from: Data(json.utf8))
        }
        var first = Snapshot(connection: ConnectionInfo(controller: "https://c", username: "u", tenant: "admin", readOnly: false, insecure: false))
        first.secureChannel = Resource(value: [mapping("a", "SECURE_CHANNEL_NONE"), mapping("b", "SECURE_CHANNEL_AUTH_SSH_FAILED"),
                                               mapping("c", "SECURE_CHANNEL_AUTH_ERRORS")], fetchedAt: AppFixture.now)
        var second = first
        second.secureChannel = Resource(value: (first.secureChannel.value ?? []).reversed(), fetchedAt: AppFixture.now)
        let a = OverviewSummary(first, now: AppFixture.now).mappingsByStatus.map(\.status.rawValue)
        let b = OverviewSummary(second, now: AppFixture.now).mappingsByStatus.map(\.status.rawValue)
        #expect(a == b)
        #expect(a == a.sorted(), "equal counts go by status name")
    }

    @Test func secondaryTextIsNeverBlackOnEightOrSixteenColours() {
        for depth in [ColorDepth.ansi8, .ansi16] {
            for theme in ["default", "solarized-dark", "high-contrast"] {
                let styles = StyleSheet(theme: BuiltinThemes.theme(named: theme) ?? BuiltinThemes.defaultTheme, depth: depth)
                for role in ThemeRole.allCases where styles[role].background == .default {
                    #expect(styles[role].foreground != .ansi(0), "\(theme) \(role) at \(depth) is black on a dark terminal")
                }
            }
        }
        let muted = StyleSheet(theme: BuiltinThemes.defaultTheme, depth: .ansi8)[.muted]
        #expect(muted.foreground == .default && muted.attributes.contains(.dim))
    }

    @Test func withoutColourAnExpiredRowDoesNotLookLikeTheSelection() {
        let mono = BuiltinThemes.theme(named: "mono") ?? BuiltinThemes.defaultTheme
        let sheets = [StyleSheet(theme: mono), StyleSheet(theme: mono, depth: .mono),
                      StyleSheet(theme: BuiltinThemes.defaultTheme, depth: .mono)]
        for styles in sheets {
            #expect(styles[.selection].attributes.contains(.reverse))
            #expect(!styles[.expired].attributes.contains(.reverse), "expired is not reverse like the cursor")
            #expect(styles[.expired] != styles[.selection] && !styles[.expired].attributes.isEmpty)
        }
    }
}
