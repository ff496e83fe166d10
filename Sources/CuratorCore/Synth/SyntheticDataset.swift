import Foundation

/// A seeded generator of interaction data with the structure real data has: power-law item
/// popularity, users with one or two favourite taste clusters, and sequential habits (after
/// an item, its successor in the same cluster often follows, as sequels and series do).
///
/// It serves scale benchmarks (`curator data synth --users 100000 --items 20000
/// --interactions 5000000`) and, given a catalog, the project's shipped example dataset.
public struct SyntheticDataset: Sendable {
    public struct Configuration: Sendable {
        public var users = 1_000
        public var items = 500
        /// Target total interactions (the result is close, not exact).
        public var interactions = 20_000
        public var clusters = 20
        /// Zipf exponent of item popularity.
        public var popularityExponent = 1.0
        /// Chance that the next item continues the previous item's sequence.
        public var sequenceProbability = 0.4
        /// Chance that a non-sequential pick comes from a favourite cluster (else anywhere).
        public var tasteProbability = 0.85
        public var seed: UInt64 = 42

        public init() {}
    }

    /// Generates a dataset. With `catalog`, items are the catalog's and each item's cluster is
    /// its most distinctive genre (the rarest in the catalog: Sci-Fi over Action); sequences
    /// follow the catalog's order within a cluster.
    public static func generate(_ configuration: Configuration, catalog: [Item]? = nil, name: String = "synthetic",
                                progress: any ProgressReporter = SilentProgress()) -> Dataset {
        var rng = SeededGenerator(seed: configuration.seed)
        let items = catalog ?? (0..<configuration.items).map {
            Item(id: String(format: "i%06d", $0 + 1), title: "Item \($0 + 1)")
        }
        let n = items.count
        // Clusters: the catalog's first genre, or a random assignment.
        var clusterOf = [Int](repeating: 0, count: n)
        var clusterNames: [String] = []
        if catalog != nil {
            var index: [String: Int] = [:]
            var frequency: [String: Int] = [:]
            for item in items { for genre in item.genres { frequency[genre, default: 0] += 1 } }
            for (i, item) in items.enumerated() {
                let genre = item.genres.min { (frequency[$0]!, $0) < (frequency[$1]!, $1) } ?? "Other"
                clusterOf[i] = index[genre] ?? { index[genre] = clusterNames.count; clusterNames.append(genre); return clusterNames.count - 1 }()
            }
        } else {
            clusterNames = (0..<configuration.clusters).map { "cluster \($0)" }
            for i in 0..<n { clusterOf[i] = Int(rng.next() % UInt64(configuration.clusters)) }
        }
        let clusterCount = max(clusterNames.count, 1)
        var members = [[Int]](repeating: [], count: clusterCount)
        for i in 0..<n { members[clusterOf[i]].append(i) }
        // The successor of an item: the next member of its cluster.
        var successor = [Int](repeating: -1, count: n)
        for list in members { for (a, b) in zip(list, list.dropFirst()) { successor[a] = b } }
        // Popularity: Zipf over a random permutation of ranks.
        var ranks = Array(0..<n)
        ranks.shuffle(using: &rng)
        let weight = ranks.map { 1 / pow(Double($0 + 1), configuration.popularityExponent) }
        let global = Sampler(weights: weight)
        let perCluster = members.map { Sampler(weights: $0.map { weight[$0] }) }

        // Activity: log-normal, scaled so the total lands near the target.
        let users = configuration.users
        var activity = (0..<users).map { _ in exp(rng.nextGaussian() * 0.9) }
        let scale = Double(configuration.interactions) / activity.reduce(0, +)
        activity = activity.map { max(3, min(Double(n) * 0.5, ($0 * scale).rounded())) }

        var log = InteractionLog()
        log.reserveCapacity(configuration.interactions + users * 3)
        let tracker = ProgressTracker(task: "synth: users", total: users, reporter: progress)
        var seen = Set<Int>()
        for user in 0..<users {
            seen.removeAll(keepingCapacity: true)
            let favourites = [Int(rng.next() % UInt64(clusterCount)), Int(rng.next() % UInt64(clusterCount))]
            let second = rng.nextUnitFloat() < 0.35
            var time = Int64(1_600_000_000) + Int64(rng.next() % 60_000_000)
            var previous = -1
            for _ in 0..<Int(activity[user]) {
                var pick = -1
                for _ in 0..<8 {
                    let u = Double(rng.nextUnitFloat())
                    if previous >= 0, successor[previous] >= 0, u < configuration.sequenceProbability {
                        pick = successor[previous]
                    } else if Double(rng.nextUnitFloat()) < configuration.tasteProbability {
                        let cluster = second && rng.nextUnitFloat() < 0.4 ? favourites[1] : favourites[0]
                        pick = members[cluster].isEmpty ? global.sample(&rng) : members[cluster][perCluster[cluster].sample(&rng)]
                    } else {
                        pick = global.sample(&rng)
                    }
                    if !seen.contains(pick) { break }
                    pick = -1
                }
                guard pick >= 0 else { continue }
                seen.insert(pick)
                time += 60 + Int64(rng.next() % 86_400)
                log.append(user: Int32(user), item: Int32(pick), timestamp: time, value: Float(1 + rng.next() % 5))
                previous = pick
            }
            if user % 1024 == 1023 { tracker.advance(by: 1024) }
        }
        tracker.finish()
        let userIDs = IDMap(orderedIDs: (0..<users).map { String(format: "u%06d", $0 + 1) })
        let itemIDs = IDMap(orderedIDs: items.map(\.id))
        // Catalog ids need not be in natural order: rebuild through the assembler's rules.
        if IDMap.naturalOrder(itemIDs.externalIDs) != itemIDs.externalIDs {
            var assembler = DatasetAssembler()
            // The ids are valid: generated ("u000001"), or a catalog's that its reader checked.
            do {
                for e in 0..<log.count {
                    assembler.appendInteraction(
                        user: try assembler.userIDs.intern(userIDs.id(at: log.users[e])),
                        item: try assembler.itemIDs.intern(items[Int(log.items[e])].id),
                        timestamp: log.timestamps[e], value: log.values[e])
                }
                for item in items { try assembler.addItem(item, file: name) }
            } catch {
                preconditionFailure("a synthetic catalog's ids follow ExternalID's rules (ItemFileReader checks them): \(error)")
            }
            return assembler.build(name: name)
        }
        return Dataset(name: name, users: userIDs, items: itemIDs, catalog: items, interactions: log)
    }
}

/// Draws indices in proportion to fixed weights (cumulative sums and a binary search).
public struct Sampler: Sendable {
    private let cumulative: [Double]

    public init(weights: [Double]) {
        var running = 0.0
        cumulative = weights.map { running += $0; return running }
    }

    /// The weights' sum.
    public var total: Double { cumulative.last ?? 0 }

    /// Index `i`'s weight.
    public func weight(_ i: Int) -> Double { cumulative[i] - (i > 0 ? cumulative[i - 1] : 0) }

    public func sample(_ rng: inout SeededGenerator) -> Int {
        let target = Double(rng.nextUnitFloat()) * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension SeededGenerator {
    /// A standard normal draw (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = max(Double(nextUnitFloat()), 1e-12), u2 = Double(nextUnitFloat())
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
