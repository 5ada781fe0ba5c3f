#if canImport(Glibc)
import Glibc
#endif

/// Keeps an all-day console's resident memory near what it holds. A full read at scale
/// passes tens of MB of response bodies through several threads; glibc keeps one arena
/// per thread and rarely returns freed pages, so RSS would stay at the peak of the
/// largest read. Fewer arenas and a trim after each large read give the memory back.
///
/// `mallopt` and `malloc_trim` live in `<malloc.h>`, which Swift's Glibc module does not
/// export; they are looked up at run time instead (absent on other C libraries: no-op).
public enum MemoryRelief {
    private typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
    private typealias TrimFunction = @convention(c) (Int) -> Int32
    /// `M_ARENA_MAX` from glibc's `<malloc.h>`.
    private static let arenaMaxParameter: Int32 = -8

    /// Called when a refresher is made, before its loops start: arenas created from then on are capped.
    public static func limitArenas() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MalloptFunction.self)(arenaMaxParameter, 2)
        #endif
    }

    /// Returns freed heap pages to the system (after a full read of a large collection).
    public static func trim() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: TrimFunction.self)(0)
        #endif
    }
}
