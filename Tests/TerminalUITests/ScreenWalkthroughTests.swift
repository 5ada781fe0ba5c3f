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

    @Test func aCutAlwaysShowsTheEllipsisAndDropsWholeItemsFirst() {
        let line = [TextSegment("3 mappings"), TextSegment(" · ", .muted), TextSegment("1 AUTH_SSH_FAILED"), TextSegment(" · ", .muted),
                    TextSegment("1 AUTH_ERRORS"), TextSegment(" · ", .muted), TextSegment("1 NONE")]
        let fitted = TextSegment.fitted(line, width: 40).map(\.text).joined()
        #expect(fitted == "3 mappings · 1 AUTH_SSH_FAILED · +2 more", "\(fitted)")
        let cut = TextSegment.fitted([TextSegment("channel cert "), TextSegment("System-Default-Secure-Channel-Cert")], width: 30)
            .map(\.text).joined()
        #expect(cut.hasSuffix("…") && DisplayWidth.of(cut) <= 30, "\(cut)")
        let exact = TextSegment.fitted([TextSegment("up "), TextSegment("20"), TextSegment("d")], width: 5).map(\.text).joined()
        #expect(exact == "up 2…", "a cut at a segment edge still shows the ellipsis: \(exact)")
        #expect(TextSegment.fitted(line, width: 200) == line)

        var canvas = Canvas(size: Size(width: 40, height: 1))
        StatusLine(message: "cluster: cannot reach 127.0.0.1:9443: Failed to connect", messageRole: .error,
                   hints: [StatusLine.Hint("?", "help")]).render(into: &canvas, area: canvas.bounds, styles: .standard)
        #expect(!canvas.text(row: 0).contains("…?"), "the ellipsis never runs into a key: \(canvas.text(row: 0))")
    }

    @Test func detailLabelsKeepTheirTailAndPEMKeepsItsLines() {
        let pem = "-----BEGIN CERTIFICATE-----\n" + String(repeating: String(repeating: "A", count: 64) + "\n", count: 3)
            + "-----END CERTIFICATE-----\n"
        let pane = DetailPane(items: [DetailPane.Item("mgmt_vnic.vnic_networks[0].ip.ip_addr.addr", "10.0.0.1"),
                                      DetailPane.Item("mgmt_vnic.vnic_networks[0].ip.ip_addr.type", "V4"),
                                      DetailPane.Item("certificate.certificate", pem)])
        var canvas = Canvas(size: Size(width: 100, height: 10))
        pane.render(into: &canvas, area: canvas.bounds, offset: 0, styles: .standard)
        let rows = (0..<10).map { canvas.text(row: $0) }
        #expect(rows[0].hasPrefix("…") && rows[0].contains("addr:"), "\(rows[0])")
        #expect(rows[1].contains("type:"), "\(rows[1])")
        #expect(rows[2].contains("-----BEGIN CERTIFICATE-----") && !rows[2].contains("AAAA"), "\(rows)")
        #expect(rows[3].contains(String(repeating: "A", count: 64)) && rows[4].contains(String(repeating: "A", count: 64)))
        #expect(rows[6].contains("-----END CERTIFICATE-----"))
        #expect(pane.lineCount(width: 100) == 7, "no empty line for the final newline")

        // Too narrow for a base64 line: the body becomes one line with its length, never re-wrapped halves.
        var narrow = Canvas(size: Size(width: 60, height: 10))
        pane.render(into: &narrow, area: narrow.bounds, offset: 0, styles: .standard)
        let narrowRows = (0..<10).map { narrow.text(row: $0) }
        #expect(narrowRows.contains { $0.contains("(3 lines of base64, 192 characters)") }, "\(narrowRows)")
        #expect(!narrowRows.contains { $0.contains("AAAA") })
        #expect(narrowRows.contains { $0.contains("-----END CERTIFICATE-----") })
    }

    @Test func aCertificateNotYetValidIsNeverOK() {
        let json = #"""
        {"uuid":"sslkeyandcertificate-future","name":"tomorrow-cert","type":"SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
         "certificate":{"not_before":"2026-12-01 00:00:00","not_after":"2028-12-01 00:00:00","subject":{"common_name":"future.example"}}}
        """#
        let certificate = try! JSONDecoder().decode(SSLKeyAndCertificate.self, from: Data(json.utf8))
        var snapshot = Snapshot(connection: ConnectionInfo(controller: "https://c", username: "u", tenant: "admin", readOnly: false, insecure: false))
        snapshot.certificates = Resource(value: [certificate], fetchedAt: AppFixture.now)
        let context = ViewContext(snapshot: snapshot, now: AppFixture.now, styles: .standard)
        let row = CertificatesScreen.rows(context)[0]
        #expect(row.notYetValid)
        #expect(CertificatesScreen.row(row)[2].text == "not yet valid")
        #expect(CertificatesScreen.row(row)[2].role == .warning)
        #expect(CertificatesScreen.summary(context).contains { $0.text == "1 not yet valid" && $0.role == .warning })
        #expect(CertificatesScreen.detail(row).contains(DetailPane.Item("expiry", "not yet valid", role: .warning)))
        #expect(OverviewScreen.certificateSegments(context, overview: context.overview).contains { $0.text == "1 not yet valid" && $0.role == .warning })
    }

    @Test func aHealthyConsoleNeverLooksStaleBecauseCertificatesAreReadEveryMinute() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        // Certificates read 55 s ago (their cadence is 60 s), everything else just now.
        fixture.store.update { $0.certificates.fetchedAt = AppFixture.now.addingTimeInterval(-55) }
        let (_, screen) = fixture.app(size: Size(width: 120, height: 30))
        #expect(screen.text(row: 0).contains("data 0 s"), "\(screen.text(row: 0))")
        #expect(!screen.text(row: 0).contains("STALE") && !screen.text(row: 29).contains("stale"))
    }
}
