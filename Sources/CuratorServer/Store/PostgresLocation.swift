import Foundation
import PostgresNIO

/// A PostgreSQL server and database, read from a URL as libpq writes them:
/// `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-full]`.
/// The password is never shown: `description` leaves it out.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, with libpq's meanings: `prefer` tries TLS and falls back to
    /// plain; `require` insists on TLS without checking the certificate; `verifyFull` checks it.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Reads a `postgres://` (or `postgresql://`) URL.
    /// - Throws: `ServerSetupError` naming what is wrong with it.
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw ServerSetupError("'\(Self.redacting(text))' is not a postgres:// URL (postgres://user@host:port/database)")
        }
        guard let host = url.host, !host.isEmpty else { throw ServerSetupError("the PostgreSQL URL names no host (postgres://user@host:port/database)") }
        guard let user = url.user, !user.isEmpty else { throw ServerSetupError("the PostgreSQL URL names no user (postgres://user@\(host)/database)") }
        if let port = url.port, !(1...65535).contains(port) { throw ServerSetupError("the PostgreSQL port must be in 1...65535") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.contains("/") else { throw ServerSetupError("the PostgreSQL URL's path must be one database name, not '\(url.path)'") }
        var tls = TLSMode.prefer
        for item in url.queryItems ?? [] {
            guard item.name == "sslmode" else { throw ServerSetupError("unknown PostgreSQL URL parameter '\(item.name)' (known: sslmode)") }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw ServerSetupError("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tls = mode
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = url.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = url.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.isEmpty ? self.user : (database.removingPercentEncoding ?? database)
        self.tls = tls
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// A URL as given, its password replaced by `***`, for error messages.
    static func redacting(_ text: String) -> String {
        text.replacingOccurrences(of: #"(://[^:/@]*):[^@]*@"#, with: "$1:***@", options: .regularExpression)
    }

    /// The pool's configuration.
    /// - Throws: NIOSSL's error when TLS cannot be set up.
    func clientConfiguration(connectTimeout: Duration, maximumConnections: Int) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch self.tls {
        case .disable: .disable
        case .prefer: .prefer(Self.tlsConfiguration(verify: false))
        case .require: .require(Self.tlsConfiguration(verify: false))
        case .verifyFull: .require(Self.tlsConfiguration(verify: true))
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }

    /// One connection's configuration, the same as the pool's.
    /// - Throws: NIOSSL's error when TLS cannot be set up.
    func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch self.tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: Self.tlsConfiguration(verify: false)))
        case .require: .require(try NIOSSLContext(configuration: Self.tlsConfiguration(verify: false)))
        case .verifyFull: .require(try NIOSSLContext(configuration: Self.tlsConfiguration(verify: true)))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000
                                                             + connectTimeout.components.attoseconds / 1_000_000_000)
        return configuration
    }

    static func tlsConfiguration(verify: Bool) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verify { configuration.certificateVerification = .none }
        return configuration
    }
}
