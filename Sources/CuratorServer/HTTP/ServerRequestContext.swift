import Hummingbird

/// The request context of every route: Hummingbird's core storage plus who is calling.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address (the rate limit's key when no API key is in use).
    public var remoteAddress: String
    /// A short, non-reversible label of the API key used (never the key itself), for logs.
    public var keyLabel: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
