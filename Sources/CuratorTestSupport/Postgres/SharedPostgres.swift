import CuratorLLM
import Foundation

/// One real PostgreSQL server per test process, on 127.0.0.1 and a free port, in a temporary
/// folder, started on first use (`initdb` + `pg_ctl`, Debian's `postgresql` package, which
/// `scripts/test` installs). Each test gets a database of its own (`database()`).
///
/// PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user the
/// package creates (`runuser`). A guardian shell watches this process and, when it ends
/// however it ends, stops the server (`pg_ctl stop -m immediate`) and removes the folder.
public actor SharedPostgres {
    public static let shared = SharedPostgres()

    /// A running server: where it listens and the superuser (trust authentication on 127.0.0.1).
    public struct Server: Sendable {
        public let port: Int
        public let user: String
        public let folder: String
        let binaries: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private var launch: Task<Server, any Error>?
    private var created = 0

    /// The running server, started by the first caller.
    /// - Throws: `Failure` when PostgreSQL is not installed or does not start (with its log).
    public func server() async throws -> Server {
        if let launch { return try await launch.value }
        let task = Task.detached { try Self.start() }
        launch = task
        return try await task.value
    }

    /// A new, empty database on the shared server, as a `postgres://` URL.
    /// - Throws: `Failure` when the server cannot be started or the database made.
    public func database() async throws -> String {
        let server = try await server()
        created += 1
        let name = "curator_test_\(created)_\(UUID().uuidString.prefix(8).lowercased())"
        try await execute("CREATE DATABASE \(name)")
        return "postgres://\(server.user)@127.0.0.1:\(server.port)/\(name)?sslmode=disable"
    }

    /// Runs SQL as the superuser with `psql` (to break things on purpose, or to look).
    /// - Returns: what psql printed (unaligned, tuples only).
    /// - Throws: `Failure` when psql fails.
    @discardableResult
    public func execute(_ sql: String, database: String = "postgres") async throws -> String {
        let server = try await server()
        let result = try ChildProcess.run(server.binaries + "/psql", [
            "-h", "127.0.0.1", "-p", "\(server.port)", "-U", server.user, "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t",
            "-c", sql,
        ])
        guard result.status == 0 else { throw Failure(description: "psql failed (status \(result.status)) on: \(sql)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Debian's PostgreSQL programs: `$CURATOR_POSTGRES_BIN`, else the newest
    /// `/usr/lib/postgresql/N/bin`, else a folder on `PATH` holding `initdb`.
    static func binaries() -> String? {
        let manager = FileManager.default
        if let folder = ProcessInfo.processInfo.environment["CURATOR_POSTGRES_BIN"] { return folder }
        let versions = ((try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted()
        if let newest = versions.last(where: { manager.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }) {
            return "/usr/lib/postgresql/\(newest)/bin"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map(String.init).first { manager.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// Makes the cluster, starts the server, and leaves its guardian running.
    static func start() throws -> Server {
        guard let binaries = binaries() else {
            throw Failure(description: "PostgreSQL is not installed (no initdb): scripts/test installs Debian's postgresql package")
        }
        var lastLog = ""
        for _ in 0..<3 {  // a picked free port can be taken meanwhile: try another
            let folder = NSTemporaryDirectory() + "curator-postgres-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let port = LlamaServerProcess.freePort()
            let result = try ChildProcess.run("/bin/sh", [
                "-c", startScript, "postgres-test", binaries, folder, "\(port)", "\(ProcessInfo.processInfo.processIdentifier)",
            ], captureOutput: false)
            if result.status == 0 { return Server(port: port, user: "curator", folder: folder, binaries: binaries) }
            lastLog = (try? String(contentsOfFile: folder + "/setup.log", encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: folder)
        }
        throw Failure(description: "PostgreSQL did not start: \(lastLog.split(separator: "\n").suffix(12).joined(separator: " | "))")
    }

    /// `$1` binaries, `$2` folder, `$3` port, `$4` the process to outlive: initdb, start (waiting
    /// until it accepts connections), then a guardian in the background.
    static let startScript = #"""
        bin=$1 dir=$2 port=$3 owner=$4
        exec >"$dir/setup.log" 2>&1 </dev/null
        as_owner() { "$@"; }
        if [ "$(id -u)" -eq 0 ]; then
          id postgres >/dev/null 2>&1 || { echo "running as root and there is no postgres user to run PostgreSQL as"; exit 1; }
          chown postgres "$dir"
          as_owner() { runuser -u postgres -- "$@"; }
        fi
        as_owner "$bin/initdb" -D "$dir/data" -U curator -A trust -E UTF8 --no-sync || { echo "initdb failed"; exit 1; }
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start \
          -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200" \
          || { echo "pg_ctl start failed:"; cat "$dir/server.log"; exit 1; }
        (
          while kill -0 "$owner" 2>/dev/null; do sleep 0.5; done
          as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop
          rm -rf "$dir"
        ) >/dev/null 2>&1 </dev/null &
        exit 0
        """#
}
