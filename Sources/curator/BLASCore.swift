import Foundation

/// Debian's OpenBLAS 0.3.21 does not recognise newer Xeons and falls back to its SSE3
/// ("Prescott") kernels: an ml-100k SASRec epoch took 5.60 CPU seconds with them and 3.41
/// with the SkylakeX ones. OpenBLAS picks its kernels as it loads, before `main`, reading
/// `OPENBLAS_CORETYPE`; so when it chose Prescott on a CPU with AVX2, the command runs itself
/// again with the core named. A set `OPENBLAS_CORETYPE` is left alone.
enum BLASCore {
    static func runAgainIfMisdetected() {
        #if os(Linux)
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let symbol = dlsym(nil, "openblas_get_corename") else { return }
        typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?
        guard let name = unsafeBitCast(symbol, to: CoreName.self)(), String(cString: name).lowercased() == "prescott",
              let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let words = Set(flags.split(separator: " "))
        guard let core = words.contains("avx512f") ? "SkylakeX" : words.contains("avx2") ? "Haswell" : nil else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when exec failed: carry on with the kernels already chosen.
        #endif
    }
}
