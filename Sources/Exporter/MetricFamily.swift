/// Every metric family avitui exposes, each with its one HELP text and its label names in a
/// fixed order. swift-prometheus stops the process when a family is registered twice with
/// different HELP texts, and treats the same labels in another order as another series, so
/// every sample is built from these definitions and nowhere else (`MetricSample`).
///
/// Names follow the x509 and ssl exporters: absolute `_timestamp_seconds` (days left are
/// computed in PromQL), one series per certificate; the `cluster` label is the profile name,
/// or the controller's host without a profile (DESIGN.md).
public struct MetricFamily: Sendable, Hashable {
    /// The full metric name, e.g. `avi_controller_cluster_quorum`.
    public let name: String
    public let help: String
    /// Label names in the order every sample of this family uses.
    public let labels: [String]

    init(_ name: String, labels: [String], help: String) {
        self.name = name
        self.labels = labels
        self.help = help
    }

    /// `not_after` of every certificate, as Unix seconds; `in_use` is `true` when the portal,
    /// the secure channel or a virtual service refers to it.
    public static let certificateExpiry = MetricFamily(
        "avi_certificate_expiration_timestamp_seconds",
        labels: ["cluster", "name", "type", "uuid", "subject_cn", "issuer_cn", "in_use"],
        help: "Expiry (not_after) of the certificate, Unix seconds.")

    /// `not_before` of every certificate that has one.
    public static let certificateNotBefore = MetricFamily(
        "avi_certificate_not_before_timestamp_seconds",
        labels: ["cluster", "name", "type", "uuid"],
        help: "Start of validity (not_before) of the certificate, Unix seconds.")

    /// The certificate the secure channel uses now (`System-Default-Secure-Channel-Cert` when the
    /// system configuration names none).
    public static let secureChannelCertificateExpiry = MetricFamily(
        "avi_secure_channel_certificate_expiration_timestamp_seconds",
        labels: ["cluster", "name"],
        help: "Expiry (not_after) of the certificate the secure channel uses, Unix seconds.")

    /// Secure-channel mappings counted by status (`auth_token_success`, `auth_ssh_failed`, ...)
    /// and role (`controller` or `service_engine`).
    public static let secureChannelMappings = MetricFamily(
        "avi_secure_channel_mappings",
        labels: ["cluster", "status", "role"],
        help: "Secure-channel mappings by status and role.")

    /// 1 when a majority of the configured controller nodes is active.
    public static let clusterQuorum = MetricFamily(
        "avi_controller_cluster_quorum",
        labels: ["cluster"],
        help: "1 when a majority of the controller nodes is active, else 0.")

    /// One series per controller node: 1 when its state is CLUSTER_ACTIVE. No state label: a
    /// node moving between states keeps one series, so a `for:` clause is not reset.
    public static let nodeActive = MetricFamily(
        "avi_controller_node_active",
        labels: ["cluster", "node", "role"],
        help: "1 when the controller node is active, else 0.")

    /// Service Engines counted by operational state (`up`, `down`, ...).
    public static let serviceEngines = MetricFamily(
        "avi_service_engines",
        labels: ["cluster", "state"],
        help: "Service Engines by operational state.")

    /// Alerts the controller holds, counted by level (`high`, `medium`, `low`), zeros included.
    public static let alertsActive = MetricFamily(
        "avi_alerts_active",
        labels: ["cluster", "level"],
        help: "Active alerts by level.")

    /// 1 when the last attempt read every resource of the cluster.
    public static let probeSuccess = MetricFamily(
        "avitui_probe_success",
        labels: ["cluster"],
        help: "1 when the last read of every resource of the cluster succeeded, else 0.")

    /// When each resource was last read successfully; the age of every other series.
    public static let lastSuccess = MetricFamily(
        "avitui_last_success_timestamp_seconds",
        labels: ["cluster", "resource"],
        help: "When the resource was last read successfully, Unix seconds.")

    /// Every family, in the order the man page lists them.
    public static let all: [MetricFamily] = [
        certificateExpiry, certificateNotBefore, secureChannelCertificateExpiry, secureChannelMappings, clusterQuorum,
        nodeActive, serviceEngines, alertsActive, probeSuccess, lastSuccess,
    ]
}
