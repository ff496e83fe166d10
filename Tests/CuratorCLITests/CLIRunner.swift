import Foundation
import Synchronization
import Testing

/// Runs the built `curator` binary as a user would and captures what it prints.
enum CLIRunner {
    struct Result: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The binary beside the test bundle (`swift build` puts both in the same folder).
    static var binary: String {
        get throws {
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            while folder.path != "/" && !folder.lastPathComponent.hasSuffix("debug") && !folder.lastPathComponent.hasSuffix("release") {
                folder.deleteLastPathComponent()
            }
            let path = folder.appendingPathComponent("curator").path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw CLIError(message: "no curator binary at \(path): run `swift build` before `swift test` (scripts/test does)")
            }
            return path
        }
    }

    struct CLIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs the binary on a thread of its own: waiting for a child process must not block
    /// Swift's cooperative pool, which other tests running in parallel need.
    /// - Parameter launcher: a command that runs the binary (e.g. `setpriv` to drop root).
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil, launcher: [String] = []) async throws -> Result {
        let binary = try binary
        let (executable, arguments) = launcher.isEmpty ? (binary, arguments) : (launcher[0], Array(launcher.dropFirst()) + [binary] + arguments)
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result<CLIRunner.Result, any Error> {
                    try runBlocking(executable, arguments, environment: environment, input: input)
                })
            }.start()
        }
    }

    private static func runBlocking(_ binary: String, _ arguments: [String], environment: [String: String], input: String?) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes at once and before waiting: a child that fills one pipe while the
        // other is being read would block forever (progress lines go to standard error).
        let errData = Mutex(Data())
        let errDone = DispatchSemaphore(value: 0)
        Thread {
            errData.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() }
            errDone.signal()
        }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }
}
