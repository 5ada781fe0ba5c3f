/// Which columns each screen's table has; `update` uses it for `s` and `:sort`.
public enum ScreenCatalog {
    public static func columns(for screen: ScreenID) -> [TableColumn] {
        switch screen {
        case .overview: return []
        case .cluster: return ClusterScreen.columns
        case .serviceEngines: return ServiceEnginesScreen.columns
        case .secureChannel: return SecureChannelScreen.columns
        case .certificates: return CertificatesScreen.columns
        case .alerts: return AlertsScreen.columns
        case .requests: return RequestsScreen.columns
        }
    }
}
