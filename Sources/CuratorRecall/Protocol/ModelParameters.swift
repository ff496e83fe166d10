/// Hyper-parameters as the command line spells them (`neighbors=50,shrink=10`), read into
/// each model's typed configuration once, with unknown names and bad values refused.
public struct ModelParameters: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// Parses `k=v,k=v`.
    /// - Throws: `ModelParameterError` for a pair without `=`.
    public init(parsing spec: String) throws {
        var values: [String: String] = [:]
        for pair in spec.split(separator: ",") where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ModelParameterError(message: "'\(pair)' is not name=value")
            }
            values[parts[0]] = parts[1]
        }
        self.values = values
    }

    /// Refuses names the model does not know, listing the ones it does.
    public func requireKnown(_ known: [String], model: String) throws {
        for name in values.keys.sorted() where !known.contains(name) {
            throw ModelParameterError(message: "\(model) has no parameter '\(name)' (it has: \(known.joined(separator: ", ")))")
        }
    }

    public func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let raw = values[name] else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw ModelParameterError(message: "\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(raw)'")
        }
        return value
    }

    public func float(_ name: String, default fallback: Float, in range: ClosedRange<Float>) throws -> Float {
        guard let raw = values[name] else { return fallback }
        guard let value = Float(raw), value.isFinite, range.contains(value) else {
            throw ModelParameterError(message: "\(name) must be a number in \(range.lowerBound)...\(range.upperBound), not '\(raw)'")
        }
        return value
    }
}

/// A hyper-parameter that is unknown or out of range.
public struct ModelParameterError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
