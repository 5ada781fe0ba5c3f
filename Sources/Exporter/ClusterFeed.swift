/// One cluster the exporter serves. Its owner reads the controller in the background on the
/// cluster's own cadence; `reading()` only returns what is already known and never waits on
/// the network — a scrape must never cause a controller request.
public protocol ClusterFeed: AnyObject, Sendable {
    /// The `cluster` label and the `/probe?target=` name: the profile name.
    var cluster: String { get }
    /// The newest reading, without waiting.
    func reading() -> ClusterReading
}
