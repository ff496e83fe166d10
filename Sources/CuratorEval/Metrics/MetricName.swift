/// A metric and its cutoff, spelled as reports and `--json` keys spell it ("ndcg@10").
public struct MetricName: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Kind: String, Sendable, CaseIterable {
        case hitRate = "hr", ndcg, mrr, map, precision, recall, coverage
        case popularityBias = "popularity-bias"
    }

    public var kind: Kind
    public var k: Int

    public init(_ kind: Kind, _ k: Int) {
        self.kind = kind
        self.k = k
    }

    public var description: String { "\(kind.rawValue)@\(k)" }

    /// Whether a larger value is better: every accuracy metric and coverage; not the
    /// popularity lean, where a list closer to the catalog's middle scores lower.
    public var higherIsBetter: Bool { kind != .popularityBias }

    /// The report order: as `Kind` lists them, then by cutoff.
    public static func < (a: MetricName, b: MetricName) -> Bool {
        let ia = Kind.allCases.firstIndex(of: a.kind)!, ib = Kind.allCases.firstIndex(of: b.kind)!
        return ia != ib ? ia < ib : a.k < b.k
    }

    /// What `loo` reports: accuracy at 10, MRR@100, candidate recall at 20/50/100, and the
    /// list's breadth and popularity lean.
    public static let looDefaults: [MetricName] = [
        .init(.hitRate, 10), .init(.ndcg, 10), .init(.mrr, 100), .init(.map, 10), .init(.precision, 10),
        .init(.recall, 20), .init(.recall, 50), .init(.recall, 100), .init(.coverage, 10), .init(.popularityBias, 10),
    ]
}
