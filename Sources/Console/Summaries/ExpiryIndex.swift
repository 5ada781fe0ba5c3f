import AviAPI
import Foundation

/// The certificates' validity dates, sorted once per certificate change, so that what depends
/// on the clock — how many expired, how many within 7 or 30 days, how many not valid yet,
/// which expire first — is a few binary searches at any moment instead of a pass over every
/// certificate (5,000 at scale) each minute.
///
/// Counts agree with `ExpiryBucket(daysLeft:)` applied one by one: whole days left are
/// `floor((not_after - now) / 86,400)`, so "≤ 7 days" is `not_after < now + 8 days`.
public struct ExpiryIndex: Sendable {
    /// Indices into the certificate list of those with a `not_after`, soonest first (ties keep
    /// the list's order).
    public let soonestFirst: [Int]
    /// Their `not_after`, Unix seconds, ascending (parallel to `soonestFirst`).
    private let expiries: [TimeInterval]
    /// Every `not_before` with its certificate's `not_after`, latest start first.
    private let starts: [(notBefore: TimeInterval, notAfter: TimeInterval?)]
    /// How many certificates the list held.
    public let count: Int

    public init(_ certificates: [SSLKeyAndCertificate]) {
        var dated: [(index: Int, notAfter: TimeInterval)] = []
        var starts: [(notBefore: TimeInterval, notAfter: TimeInterval?)] = []
        for index in certificates.indices {
            let notAfter = certificates[index].notAfter?.timeIntervalSince1970
            if let notAfter { dated.append((index, notAfter)) }
            if let notBefore = certificates[index].notBefore?.timeIntervalSince1970 { starts.append((notBefore, notAfter)) }
        }
        dated.sort { $0.notAfter < $1.notAfter }
        soonestFirst = dated.map(\.index)
        expiries = dated.map(\.notAfter)
        self.starts = starts.sorted { $0.notBefore > $1.notBefore }
        count = certificates.count
    }

    /// Certificates per bucket at `now`; buckets nobody is in are left out.
    public func buckets(now: Date) -> [ExpiryBucket: Int] {
        let now = now.timeIntervalSince1970
        let expired = below(now)
        let critical = below(now + 8 * 86_400) - expired
        let warning = below(now + 31 * 86_400) - expired - critical
        let counts: [(ExpiryBucket, Int)] = [(.expired, expired), (.critical, critical), (.warning, warning),
                                             (.ok, expiries.count - expired - critical - warning), (.unknown, count - expiries.count)]
        return Dictionary(uniqueKeysWithValues: counts.filter { $0.1 > 0 })
    }

    /// Certificates whose `not_before` is still ahead and that have not expired either (as the
    /// Certificates screen counts them).
    public func notYetValid(now: Date) -> Int {
        let now = now.timeIntervalSince1970
        var count = 0
        for start in starts {
            guard start.notBefore > now else { break }
            if (start.notAfter ?? .infinity) >= now { count += 1 }
        }
        return count
    }

    /// How many expiries are before `moment`: binary search.
    private func below(_ moment: TimeInterval) -> Int {
        var low = 0, high = expiries.count
        while low < high {
            let middle = (low + high) / 2
            if expiries[middle] < moment { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
