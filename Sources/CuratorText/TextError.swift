/// A problem reading a text model or embedding text, with where it happened.
public struct TextError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A model file is not there.
        case missingFile
        /// A file exists but its content is not what was expected.
        case malformed(String)
        /// A tensor the model needs is absent or has the wrong shape.
        case tensor(name: String, detail: String)
        /// An embedding endpoint answered with something unusable.
        case endpoint(String)
        /// Embeddings of different widths were mixed.
        case dimension(expected: Int, found: Int)
    }

    public var kind: Kind
    /// The file or URL concerned.
    public var location: String

    public init(_ kind: Kind, location: String) {
        self.kind = kind
        self.location = location
    }

    public var description: String {
        switch kind {
        case .missingFile:
            return "\(location): no such file"
        case .malformed(let detail):
            return "\(location): \(detail)"
        case .tensor(let name, let detail):
            return "\(location): tensor '\(name)' \(detail)"
        case .endpoint(let detail):
            return "\(location): \(detail)"
        case .dimension(let expected, let found):
            return "\(location): embeddings of width \(found) where \(expected) was expected"
        }
    }
}
