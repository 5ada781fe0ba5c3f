import Foundation

/// Fields and the release that introduced them ("Field introduced in" notes,
/// REFERENCE §1.3 / §3): hidden when the request's API version is older.
enum FieldVersions {
    typealias Entry = (path: [String], since: APIVersion)

    static let table: [String: [Entry]] = [
        "systemconfiguration": [
            (["secure_channel_configuration"], APIVersion(parts: [18, 1, 4])),
            (["secure_channel_configuration", "bypass_secure_channel_must_checks"], APIVersion(parts: [18, 2, 5])),
            (["portal_configuration", "api_force_timeout"], APIVersion(parts: [18, 2, 3])),
            (["portal_configuration", "disable_swagger"], APIVersion(parts: [18, 2, 3])),
            (["portal_configuration", "legacy_ssl_support"], APIVersion(parts: [31, 1, 1])),
            (["portal_configuration", "enable_rate_limiter"], APIVersion(parts: [31, 2, 1])),
            (["welcome_workflow_complete"], APIVersion(parts: [18, 2, 3])),
            (["default_license_tier"], APIVersion(parts: [17, 2, 5])),
            (["fips_mode"], APIVersion(parts: [20, 1, 1])),
            (["common_criteria_mode"], APIVersion(parts: [20, 1, 3])),
            (["email_configuration", "disable_tls"], APIVersion(parts: [17, 2, 1])),
            (["enable_host_header_check"], APIVersion(parts: [31, 1, 1])),
            (["enable_license_quota"], APIVersion(parts: [31, 2, 1])),
        ],
        "sslkeyandcertificate": [
            (["enable_ocsp_stapling"], APIVersion(parts: [20, 1, 1])),
            (["ocsp_config"], APIVersion(parts: [20, 1, 1])),
        ],
        "serviceengine.runtime": [
            (["license_state"], APIVersion(parts: [20, 1, 1])),
            (["licensed_service_cores"], APIVersion(parts: [20, 1, 1])),
        ],
        "securechannelmapping": [
            (["auth_token"], APIVersion(parts: [21, 1, 1])),
            (["metadata"], APIVersion(parts: [20, 1, 3])),
        ],
        "tenant": [
            (["attrs"], APIVersion(parts: [30, 1, 1])),
            (["enforce_label_group"], APIVersion(parts: [20, 1, 5])),
        ],
    ]

    /// Entries newer than `version` for `type`.
    static func hidden(type: String, version: APIVersion) -> [[String]] {
        (table[type] ?? []).filter { version < $0.since }.map(\.path)
    }

    static func apply(type: String, version: APIVersion, to object: JSON) -> JSON {
        let paths = hidden(type: type, version: version)
        guard !paths.isEmpty else { return object }
        var out = object
        for path in paths { out.remove(path: path) }
        return out
    }
}
