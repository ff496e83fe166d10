import Logging

/// Where feedback, impressions and sessions are kept, as `--store` names it: `sqlite` (the
/// dataset's state folder; one server) or a `postgres://` URL (shared by replicas).
public enum ServingStoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite
    case postgres(PostgresLocation)

    /// Reads `sqlite` or a `postgres://user@host:port/database` URL.
    /// - Throws: `ServerSetupError` naming what is wrong.
    public init(parsing text: String) throws {
        if text == "sqlite" {
            self = .sqlite
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: text))
        } else {
            throw ServerSetupError("--store must be 'sqlite' or a postgres://user@host:port/database URL, not '\(PostgresLocation.redacting(text))'")
        }
    }

    public var description: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres(let location): location.description
        }
    }

    /// Opens the store (creating and migrating its tables when needed).
    /// - Parameters:
    ///   - datasetFolder: the dataset's state folder (where the SQLite file lives).
    ///   - connectTimeout: how long PostgreSQL may take to answer the first connection.
    /// - Throws: `ServerSetupError` when PostgreSQL cannot be reached; GRDB's error for a bad SQLite file.
    public func open(datasetFolder: String, connectTimeout: Duration = .seconds(5), logger: Logger) async throws -> any ServingStore {
        switch self {
        case .sqlite: try SQLiteServingStore(datasetFolder: datasetFolder)
        case .postgres(let location): try await PostgresServingStore.connect(location, connectTimeout: connectTimeout, logger: logger)
        }
    }
}
