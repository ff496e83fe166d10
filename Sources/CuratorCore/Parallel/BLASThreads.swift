import CBLAS
import Synchronization

/// Runs work with OpenBLAS single-threaded, for code that parallelises across its own workers
/// (the text encoder's batches, SASRec's slices of a batch) or whose products are too small for
/// BLAS's threads to pay (SASRec's layers at d = 50: waking the workers cost milliseconds).
///
/// OpenBLAS's own threads spin and yield between calls; when our workers also run, both fight
/// for the same cores (measured on 2 cores: a third of the time in `sched_yield`). The thread
/// count is process-wide, so sections are counted: the first entering sets 1, the last leaving
/// restores the previous count. Other BLAS work in the process runs single-threaded meanwhile.
public enum BLASThreads {
    private struct State { var sections = 0; var saved: Int32 = 1 }
    private static let state = Mutex(State())

    /// From now on BLAS runs on its calling thread everywhere in the process: for a server,
    /// whose parallelism is its requests. Between a request's small products OpenBLAS's idle
    /// worker spins in `sched_yield` and took one of the two cores from the requests (perf:
    /// a fifth of the server's samples). With one thread a streamed turn's first item came at
    /// 1.6–1.7 ms instead of 2.2–2.7 (`scripts/bench-serve-chat`, idle, p50).
    public static func keepToCallingThreads() {
        state.withLock { s in
            s.saved = 1
            if s.sections == 0 { openblas_set_num_threads(1) }
        }
    }

    public static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { s in
            if s.sections == 0 {
                s.saved = openblas_get_num_threads()
                openblas_set_num_threads(1)
            }
            s.sections += 1
        }
        defer {
            state.withLock { s in
                s.sections -= 1
                if s.sections == 0 { openblas_set_num_threads(s.saved) }
            }
        }
        return try body()
    }
}
