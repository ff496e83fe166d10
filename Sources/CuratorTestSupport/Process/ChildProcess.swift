import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end with `posix_spawn` and `waitpid`, for tools that leave a daemon behind.
///
/// Foundation's `Process` on Linux learns that a child ended when a socket it leaves open in the
/// child closes. A program that forks a daemon passes that socket on — tmux's first
/// `new-session` forks the tmux server — and `waitUntilExit()` then waits as long as the daemon
/// lives: on a machine with no tmux server yet, a CI run hung there until its 90-minute limit.
/// Here the child keeps only stdin, stdout and stderr, starts with no signal blocked, and its end
/// is seen by `waitpid`.
public enum ChildProcess {
    /// How a run ended and what it printed on standard output.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// Standard output (empty unless captured).
        public var output: String
    }

    /// An error starting the program.
    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` with `arguments`, stdin and stderr on /dev/null, and waits for its end.
    /// - Parameters:
    ///   - captureOutput: read standard output; leave it `false` for a command that forks a
    ///     daemon, which would otherwise hold the pipe open.
    /// - Throws: `SpawnError` when the program cannot be started.
    public static func run(_ executable: String, _ arguments: [String], captureOutput: Bool = true) throws -> Result {
        let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard devNull >= 0 else { throw SpawnError(description: "cannot open /dev/null: \(String(cString: strerror(errno)))") }
        defer { close(devNull) }
        var pipeEnds: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&pipeEnds) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
            pipeEnds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        }

        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, descriptors: [0: devNull, 1: captureOutput ? pipeEnds[1] : devNull, 2: devNull])
        } catch {
            if captureOutput { pipeEnds.forEach { close($0) } }
            throw error
        }
        if captureOutput { close(pipeEnds[1]) }

        var output = Data()
        if captureOutput {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(pipeEnds[0], &buffer, buffer.count)
                if count > 0 { output.append(buffer, count: count); continue }
                if count < 0 && errno == EINTR { continue }
                break
            }
            close(pipeEnds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return Result(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, output: String(decoding: output, as: UTF8.self))
    }

    /// Starts `executable` with `arguments` and returns its process id: the child gets the
    /// parent's descriptors `descriptors` names (child descriptor → parent descriptor) and no
    /// other, starts with no signal blocked and default handlers, and, with `ownProcessGroup`,
    /// leads a process group of its own (so `kill(-pid, …)` reaches its children too).
    /// - Parameter descriptors: the parent's descriptors must all be above the child's ones.
    /// - Throws: `SpawnError` when the program cannot be started.
    public static func spawn(_ executable: String, _ arguments: [String], descriptors: [Int32: Int32], ownProcessGroup: Bool = false) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Descriptors opened without O_CLOEXEC (Foundation's among them) must not reach the child
        // (a daemon it forks would hold them open).
        let given = Set(descriptors.values)
        for fd in openDescriptors() where fd > 2 && !given.contains(fd) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        for (child, parent) in descriptors.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, parent, child)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = argv.withUnsafeBufferPointer { buffer in
            posix_spawn(&pid, executable, &actions, &attributes, UnsafeMutablePointer(mutating: buffer.baseAddress!), environ)
        }
        guard spawned == 0 else { throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// The descriptors open in this process right now.
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }
    }
}
