public struct SecureChannelStatus: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let none = Self(rawValue: "SECURE_CHANNEL_NONE")
    public static let connected = Self(rawValue: "SECURE_CHANNEL_CONNECTED")
    public static let authSSHSuccess = Self(rawValue: "SECURE_CHANNEL_AUTH_SSH_SUCCESS")
    public static let authSSHFailed = Self(rawValue: "SECURE_CHANNEL_AUTH_SSH_FAILED")
    public static let authTokenSuccess = Self(rawValue: "SECURE_CHANNEL_AUTH_TOKEN_SUCCESS")
    public static let authTokenFailed = Self(rawValue: "SECURE_CHANNEL_AUTH_TOKEN_FAILED")
    public static let authErrors = Self(rawValue: "SECURE_CHANNEL_AUTH_ERRORS")
    public static let authIgnored = Self(rawValue: "SECURE_CHANNEL_AUTH_IGNORED")
    public static let known: [Self] = [
        .none, .connected, .authSSHSuccess, .authSSHFailed, .authTokenSuccess, .authTokenFailed, .authErrors, .authIgnored,
    ]

    /// The peer proved who it is.
    public var isAuthenticated: Bool { self == .authSSHSuccess || self == .authTokenSuccess }
    /// An explicit failure, as opposed to "not yet".
    public var isFailure: Bool { self == .authSSHFailed || self == .authTokenFailed || self == .authErrors }
    public var short: String { shortName(droppingPrefix: "SECURE_CHANNEL_") }
}

/// `GET /api/securechannelmapping`: one entry per SE and per controller node.
public struct SecureChannelMapping: Codable, Sendable {
    public var uuid: String
    public var name: String
    public var ip: String?
    public var localIP: String?
    public var isController: Bool
    public var markedForDelete: Bool
    public var status: SecureChannelStatus

    enum CodingKeys: String, CodingKey {
        case uuid, name, ip, localIP = "local_ip", isController = "is_controller", markedForDelete = "marked_for_delete", status
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = c.lenient(String.self, forKey: .name) ?? uuid
        ip = c.lenient(String.self, forKey: .ip)
        localIP = c.lenient(String.self, forKey: .localIP)
        isController = c.lenient(Bool.self, forKey: .isController) ?? false
        markedForDelete = c.lenient(Bool.self, forKey: .markedForDelete) ?? false
        status = c.lenient(SecureChannelStatus.self, forKey: .status) ?? .none
    }
}
