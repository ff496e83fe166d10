import Dispatch
import Foundation
import Synchronization

/// Data-parallel loops on Dispatch's worker threads, away from Swift's cooperative pool
/// (model fitting and batch scoring block for seconds; the pool must stay free).
public enum Parallel {
    /// Threads to use: the count an executable set (`curator` reads `CURATOR_THREADS`), else
    /// the active processor count.
    public static var threadCount: Int {
        let configured = configuredThreads.load(ordering: .relaxed)
        return configured > 0 ? configured : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    private static let configuredThreads = Atomic<Int>(0)

    /// Sets `threadCount` for the whole process (nil: the active processor count again).
    /// An executable calls it once at start-up, before any parallel work.
    public static func setThreadCount(_ threads: Int?) {
        configuredThreads.store(max(0, threads ?? 0), ordering: .relaxed)
    }

    /// Runs `body` over `0..<count` split into contiguous chunks, one chunk per call, on up to
    /// `threadCount` threads. `body` receives the chunk's range and the worker's index
    /// (`0..<threadCount`), so a worker can own scratch buffers.
    public static func forEachChunk(
        _ count: Int, minimumChunk: Int = 1, _ body: @Sendable (Range<Int>, Int) -> Void
    ) {
        guard count > 0 else { return }
        let workers = min(threadCount, max(1, count / max(1, minimumChunk)))
        if workers == 1 { return body(0..<count, 0) }
        // Interleave several small chunks per worker so uneven rows balance out.
        let chunks = min(count, workers * 8)
        let cursor = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let chunk = cursor.add(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                let lo = count * chunk / chunks, hi = count * (chunk + 1) / chunks
                if lo < hi { body(lo..<hi, worker) }
            }
        }
    }
}

/// A buffer that parallel workers write into at disjoint indices.
///
/// `@unchecked Sendable` is sound only under that discipline: every index is written by at
/// most one worker, and nobody reads until `Parallel.forEachChunk` has returned (which joins
/// all workers). The owner keeps the memory alive for that whole time.
public struct DisjointWrites<Element>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Element>
    public let count: Int

    public init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        // An empty buffer has no address; any aligned non-null pointer serves, as it is never read.
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    public subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
