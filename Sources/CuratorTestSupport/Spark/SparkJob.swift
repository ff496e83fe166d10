import CuratorCore
import Foundation

/// The repository's PySpark ALS job (`scale/spark/als_fit.py`), run in local mode with the
/// pyspark that `scripts/install-spark.sh` put into the cache folder.
///
/// Like the shared llama.cpp server, it is found through a file the install script writes
/// (`$CURATOR_CACHE_DIR/spark.env`); when Java or pyspark is missing, `locate()` says what to
/// install instead of letting a test wait on a JVM that never starts.
public struct SparkJob: Sendable {
    public let python: String
    public let javaHome: String?

    /// What the job needs and did not find.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Finds the installed pyspark and Java.
    /// - Parameter cache: the cache folder (default: `$CURATOR_CACHE_DIR` or `~/.cache/curator`).
    /// - Throws: `Unavailable` naming the missing piece and the command that installs it.
    public static func locate(cache: String = CacheDirectory(explicit: nil, environment: ProcessInfo.processInfo.environment).path) throws -> SparkJob {
        let install = "run scripts/install-spark.sh (Java from Debian's openjdk-17-jre-headless, pyspark from PyPI into \(cache)/venv-spark)"
        let envFile = cache + "/spark.env"
        guard let values = CacheEnvFile.values("spark.env", cache: cache) else {
            throw Unavailable(description: "pyspark is not installed (no \(envFile)): \(install)")
        }
        guard let python = values["CURATOR_SPARK_PYTHON"], FileManager.default.isExecutableFile(atPath: python) else {
            throw Unavailable(description: "pyspark's Python is missing (\(envFile) names \(values["CURATOR_SPARK_PYTHON"] ?? "none")): \(install)")
        }
        let javaHome = values["JAVA_HOME"]
        let java = javaHome.map { $0 + "/bin/java" }.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
            ?? Self.onPath("java")
        guard java != nil else {
            throw Unavailable(description: "Java is missing (no java on the PATH or in \(javaHome ?? "JAVA_HOME")): apt-get install openjdk-17-jre-headless, or \(install)")
        }
        return SparkJob(python: python, javaHome: javaHome)
    }

    /// The job script in this checkout.
    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scale/spark/als_fit.py").path
    }

    /// Runs the job to its end on `local[threads]`, listening on 127.0.0.1 only.
    /// - Parameters:
    ///   - arguments: the job's own options after `--export` and `--out` (`--rank 8`, …).
    ///   - timeLimit: seconds before the job is ended (the JVM included).
    /// - Throws: `Unavailable` when the job fails, with the end of its log.
    public func run(export: String, out: String, arguments: [String], threads: Int = 1, timeLimit: Int = 600) throws {
        let log = out + ".log"
        var command = ["timeout", "--kill-after=10", String(timeLimit), "env", "SPARK_LOCAL_IP=127.0.0.1"]
        if let javaHome { command.append("JAVA_HOME=\(javaHome)") }
        command += [python, Self.script, "--master", "local[\(threads)]", "--export", export, "--out", out] + arguments
        let line = command.map(Self.quoted).joined(separator: " ") + " >" + Self.quoted(log) + " 2>&1"
        let result = try ChildProcess.run("/bin/sh", ["-c", line], captureOutput: false)
        guard result.status == 0 else {
            let tail = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
            let why = result.status == 124 || result.status == 137 ? "did not finish within \(timeLimit) s" : "exited with status \(result.status)"
            throw Unavailable(description: "the Spark job \(why); the end of \(log):\n\(tail)")
        }
    }

    private static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private static func onPath(_ tool: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
