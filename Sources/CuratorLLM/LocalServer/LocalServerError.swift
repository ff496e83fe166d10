import Foundation

/// The local llama.cpp server could not be installed, found, started or stopped.
public struct LocalServerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `llama-server` or the model is missing.
        case notInstalled
        /// The process could not be launched or died while loading.
        case failedToStart
        /// It did not become ready in time.
        case notReady
        /// No server is recorded as running.
        case notRunning
    }

    public var kind: Kind
    public var message: String
    /// The server's log file, when there is one.
    public var logFile: String?

    public init(_ kind: Kind, _ message: String, logFile: String? = nil) {
        self.kind = kind
        self.message = message
        self.logFile = logFile
    }

    public var description: String {
        message + (logFile.map { " (server log: \($0))" } ?? "")
    }

    /// The advice when the server or model is missing.
    static let installHint = "run `scripts/bootstrap.sh --llm` to build llama-server and install the Gemma 3 270M model"
}
