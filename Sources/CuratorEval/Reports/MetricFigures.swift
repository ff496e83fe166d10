/// Figures keyed by metric, encoded as JSON keys spelled the way reports spell them
/// (`"ndcg@10": 0.0337`), flat in the object being encoded: a report encodes these first,
/// then its own fields into the same object.
public struct MetricFigures: Sendable, Encodable {
    public var values: [MetricName: Double]

    public init(_ values: [MetricName: Double]) { self.values = values }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in values { try container.encode(value, forKey: Key(stringValue: name.description)) }
    }
}
