import Foundation

/// The `systemconfiguration` singleton, shaped like the 20.1.1 capture plus
/// newer fields (hidden per version when rendered).
enum SystemConfigurationSeed {
    static func make(_ model: ControllerModel, lastModified: JSON) -> JSON {
        let persona = model.persona
        let portalRefs = ["System-Default-Portal-Cert", "System-Default-Portal-Cert-EC256"].compactMap {
            model.ref("sslkeyandcertificate", named: $0).map(JSON.string)
        }
        let secureChannelRefs = ["System-Default-Secure-Channel-Cert"].compactMap {
            model.ref("sslkeyandcertificate", named: $0).map(JSON.string)
        }
        let sslProfile = "/api/sslprofile/sslprofile-" + "1fa4f20e-1e62-4041-b54c-f909c41c7a40"
        let portal: [JSON.Member] = [
            .init(key: "enable_https", value: .bool(true)),
            .init(key: "redirect_to_https", value: .bool(true)),
            .init(key: "enable_http", value: .bool(true)),
            .init(key: "use_uuid_from_input", value: .bool(false)),
            .init(key: "enable_clickjacking_protection", value: .bool(true)),
            .init(key: "allow_basic_authentication", value: .bool(false)),
            .init(key: "password_strength_check", value: .bool(false)),
            .init(key: "disable_remote_cli_shell", value: .bool(false)),
            .init(key: "disable_swagger", value: .bool(false)),
            .init(key: "api_force_timeout", value: .num(24)),
            .init(key: "sslkeyandcertificate_refs", value: .array(portalRefs)),
            .init(key: "sslprofile_ref", value: .string(sslProfile)),
            .init(key: "legacy_ssl_support", value: .bool(false)),
            .init(key: "enable_rate_limiter", value: .bool(true)),
        ]
        var secureChannel: [JSON.Member] = [.init(key: "sslkeyandcertificate_refs", value: .array(secureChannelRefs))]
        if persona.hasBypassFlag {
            secureChannel.append(.init(key: "bypass_secure_channel_must_checks", value: .bool(false)))
        }
        var members: [JSON.Member] = [
            .init(key: "url", value: .string("/api/systemconfiguration")),
            .init(key: "uuid", value: .string("default")),
            .init(key: "_last_modified", value: lastModified),
            .init(key: "dns_configuration", value: .obj([
                "search_domain": .string("lab.local"),
                "server_list": .array([.obj(["type": .string("V4"), "addr": .string("10.10.0.53")])]),
            ])),
            .init(key: "ntp_configuration", value: .obj([
                "ntp_servers": .array((0..<2).map { .obj(["server": .obj(["type": .string("DNS"), "addr": .string("\($0).pool.ntp.org")])]) }),
            ])),
            .init(key: "portal_configuration", value: .object(portal)),
            .init(key: "global_tenant_config", value: SeedData.tenantSettings),
            .init(key: "email_configuration", value: .obj([
                "smtp_type": .string("SMTP_LOCAL_HOST"), "from_email": .string("admin@avicontroller.net"),
                "mail_server_name": .string("localhost"), "mail_server_port": .num(25), "disable_tls": .bool(false),
            ])),
            .init(key: "docker_mode", value: .bool(false)),
            .init(key: "ssh_ciphers", value: .array(["aes128-ctr", "aes256-ctr"].map(JSON.string))),
            .init(key: "ssh_hmacs", value: .array(["hmac-sha2-512-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512"].map(JSON.string))),
            .init(key: "default_license_tier", value: .string("ENTERPRISE")),
        ]
        if persona.hasSecureChannelConfiguration {
            members.append(.init(key: "secure_channel_configuration", value: .object(secureChannel)))
        }
        members.append(contentsOf: [
            .init(key: "welcome_workflow_complete", value: .bool(true)),
            .init(key: "fips_mode", value: .bool(false)),
            .init(key: "common_criteria_mode", value: .bool(false)),
            .init(key: "enable_cors", value: .bool(false)),
            .init(key: "enable_host_header_check", value: .bool(false)),
            .init(key: "enable_license_quota", value: .bool(false)),
        ])
        return .object(members)
    }
}
