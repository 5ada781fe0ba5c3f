import Foundation

/// Behaviour that depends on the emulated controller release (REFERENCE §1.2,
/// §4.2, §5): cookie names, the bypass flag, build numbers.
struct Persona: Sendable {
    let version: APIVersion
    let build: Int
    let buildDate: Date
    /// What `/login` reports as `Version`: the release, or a patch build's full name such as
    /// `22.1.6-2p3` (the header `X-Avi-Version` still takes only `22.1.6`).
    let reportedVersion: String

    init(versionString: String) {
        let trimmed = versionString.trimmingCharacters(in: .whitespaces)
        let release = trimmed.prefix { $0.isNumber || $0 == "." || $0 == "_" || $0 == "x" }
        let version = APIVersion(trimmed) ?? APIVersion(String(release)) ?? APIVersion(parts: [31, 2, 1])
        self.version = version
        self.reportedVersion = APIVersion(String(release)) == nil ? version.description
            : (release.count < trimmed.count ? trimmed : version.description)
        // Build numbers seen in real captures; others get a stable made-up one.
        let known: [String: Int] = ["20.1.1": 9046, "18.2.10": 9008, "18.2.4": 6707, "30.2.2": 9108]
        let key = version.description
        self.build = known[key] ?? (9000 + (version.parts.reduce(0) { $0 &* 31 &+ $1 } % 900))
        // A release date that grows with the version, for Tag/Date fields.
        let major = version.parts.first ?? 20
        let minor = version.parts.count > 1 ? version.parts[1] : 1
        let patch = version.parts.count > 2 ? version.parts[2] : 1
        let year = major >= 30 ? 2022 + (major - 30) * 1 + (minor - 1) / 2 : 2000 + major
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = min(max(year, 2016), 2026)
        components.month = min(max(1 + patch, 1), 12)
        components.day = 4 + (patch % 20)
        components.hour = 20
        components.minute = 26
        components.second = 19
        self.buildDate = Calendar(identifier: .gregorian).date(from: components) ?? Date(timeIntervalSince1970: 1_725_481_579)
    }

    var versionString: String { version.description }

    /// Session cookies set by `/login` (REFERENCE §1.2).
    var sessionCookieNames: [String] {
        if version < APIVersion(parts: [18, 2, 0]) { return ["sessionid"] }
        if version < APIVersion(parts: [18, 2, 10]) { return ["avi-sessionid"] }
        return ["avi-sessionid", "sessionid"]
    }

    /// `session_cookie_name` in the login body: present from 18.2 on.
    var sessionCookieNameField: String? {
        version < APIVersion(parts: [18, 2, 0]) ? nil : "avi-sessionid"
    }

    /// 20.1.5 added `SameSite=None` to the session cookie.
    var sameSiteNone: Bool { version >= APIVersion(parts: [20, 1, 5]) }

    /// `secure_channel_configuration` exists from 18.1.4.
    var hasSecureChannelConfiguration: Bool { version >= APIVersion(parts: [18, 1, 4]) }

    /// `bypass_secure_channel_must_checks` is in the schema 18.2.5 – 21.1.x.
    var hasBypassFlag: Bool {
        version >= APIVersion(parts: [18, 2, 5]) && version < APIVersion(parts: [22, 1, 1])
    }

    /// Only 18.2.5 – 18.2.7 honour the flag ("Forced updating has been disallowed" after).
    var honoursBypassFlag: Bool {
        version >= APIVersion(parts: [18, 2, 5]) && version < APIVersion(parts: [18, 2, 8])
    }

    /// 22.1.1 removed the flag: sending it is an unknown field.
    var rejectsBypassFlag: Bool { version >= APIVersion(parts: [22, 1, 1]) }

    /// Releases before 21.1 used 127.1.x.x loopback addresses for tunnels.
    var usesLegacyLoopbackIPs: Bool { version < APIVersion(parts: [21, 1, 0]) }

    var tag: String {
        "\(versionString)-\(build)-\(TimeFormat.formatter("yyyyMMdd.HHmmss").string(from: buildDate))"
    }

    /// `<version>(<build>) <date> UTC`, as in `node_info.version` and SE runtime.
    var longVersion: String {
        "\(versionString)(\(build)) \(TimeFormat.spaced(buildDate)) UTC"
    }

    /// The `version` object of `/login`, `/api/initial-data` and `/api/cluster/version`.
    var versionObject: JSON {
        .obj([
            "Version": .string(reportedVersion),
            "build": .num(build),
            "Tag": .string(tag),
            "Date": .string(TimeFormat.formatter("yyyy-MM-dd'T'HH:mm:ss'+00:00'").string(from: buildDate)),
            "min_version": .double(15.2),
            "Product": .string("controller"),
            "ProductName": .string("Avi Cloud Controller"),
        ])
    }
}
