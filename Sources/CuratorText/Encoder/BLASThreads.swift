import CBLAS
import Synchronization

/// Runs work with OpenBLAS single-threaded, for code that parallelises across its own workers.
///
/// OpenBLAS's own threads spin and yield between calls; when our workers also run, both fight
/// for the same cores (measured on 2 cores: a third of the time in `sched_yield`). The thread
/// count is process-wide, so sections are counted: the first entering sets 1, the last leaving
/// restores the previous count. Other BLAS work in the process runs single-threaded meanwhile.
enum BLASThreads {
    private struct State { var sections = 0; var saved: Int32 = 1 }
    private static let state = Mutex(State())

    static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
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
