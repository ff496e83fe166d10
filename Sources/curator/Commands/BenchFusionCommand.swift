import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorRecall
import Foundation

/// `curator bench fusion`: many fusion settings from one fit of the members per phase.
struct BenchFusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fusion",
        abstract: "Compare fusion settings (weights, RRF constant, method) and each member alone on loo, fitting the members once per phase.",
        discussion: """
        Fits the members on the loo training part (validation) and on training + validation \
        (test), makes each member's top --depth list once per user, and fuses those lists under \
        every setting: the weights × constants × methods given. Prints NDCG@10 and Recall@20 \
        on validation, and NDCG@10, HR@10, Recall@20/50 on test, for each member alone and each \
        setting; the setting the validation prefers (NDCG@10 + Recall@20) is marked. With \
        --seeds, the whole sweep runs once per seed and the table shows the means: one SASRec \
        fit moves Recall@20 by a point or more from seed to seed. With --default, a last row is \
        the default fusion (no weights given): on each phase the weights it chooses on that \
        phase's own training data (each history's last item held out; one more fit of the \
        members per phase), exactly as `curator eval --model fusion` fits it.

        Example:
          curator bench fusion --data ../shared/data/ml-100k --weights 1+1+2 1+1+4 0+1+2 --constants 20 60
          curator bench fusion --data ../shared/data/ml-100k --seeds 42 7 1 --methods rrf blend
          curator bench fusion --data ../shared/data/ml-100k --default --weights 1+1+4 --constants 20
        """)

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("The members and their parameters, as for --model fusion: models=markov+sknn+sasrec, MODEL.name=value, depth=N.", valueName: "k=v,..."))
    var params = ParameterOption()

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Weight vectors, one weight per member joined by '+'.", valueName: "w+w+..."))
    var weights: [String] = ["1+1+1", "1+1+2", "1+1+3", "1+1+4", "1+0.5+3", "0.5+1+3", "1+0+2", "0+1+2"]

    @Option(parsing: .upToNextOption, help: "RRF constants.")
    var constants: [Float] = [10, 20, 60]

    @Option(parsing: .upToNextOption, help: "Methods: rrf, blend.")
    var methods: [String] = ["rrf"]

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Seeds for the members that take one (sasrec, bpr, als); one sweep per seed, the table shows the mean and each seed's test figures.",
        valueName: "seed"))
    var seeds: [UInt64] = []

    @Flag(name: .customLong("default"), help: "Add the default fusion: weights chosen on each phase's own held-out last items (one more fit of the members per phase).")
    var withDefault = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        let members = try FusionModel.Configuration(params.parameters)
        _ = try settings(members: members.models.count)
    }

    func settings(members: Int) throws -> [FusionSweep.Setting] {
        var settings: [FusionSweep.Setting] = []
        for name in methods {
            guard let method = CandidateFusion.Method(rawValue: name) else { throw ValidationError("unknown method '\(name)' (rrf or blend)") }
            for spec in weights {
                let parsed = spec.split(separator: "+").map { Float($0) }
                guard parsed.count == members, parsed.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                    throw ValidationError("weights '\(spec)': \(members) non-negative numbers joined by '+'")
                }
                for constant in method == .rrf ? constants : [60] {
                    settings.append(.init(method: method, weights: parsed.map { $0! }, constant: constant))
                }
            }
        }
        return settings
    }

    func run() throws {
        let dataset = try data.load()
        let members = try FusionModel.Configuration(params.parameters)
        let evaluation = LeaveLastOutProtocol(dataset: dataset)
        let settings = try settings(members: members.models.count)
        // One sweep per seed (or one with the members' own seeds); the preferred setting and the
        // table come from the mean, so a choice does not rest on one lucky SASRec fit.
        var sweeps: [[FusionSweep.Row]] = []
        for seed in seeds.isEmpty ? [nil] : seeds.map(Optional.some) {
            let seeded = seed.map { FusionSweep.seeded(members, seed: $0) } ?? members
            if let seed { Terminal.err("fusion sweep: seed \(seed) (\(sweeps.count + 1) of \(seeds.count))") }
            sweeps.append(try FusionSweep.compare(settings, members: seeded, on: evaluation, withDefault: withDefault, progress: TerminalProgress()))
        }
        let rows = FusionSweep.mean(of: sweeps)
        let ndcg = MetricName(.ndcg, 10), hr = MetricName(.hitRate, 10), r20 = MetricName(.recall, 20), r50 = MetricName(.recall, 50)
        let fused = rows.indices.filter { rows[$0].setting.name == nil }
        let preferred = fused.max { (rows[$0].validation[ndcg]! + rows[$0].validation[r20]!) < (rows[$1].validation[ndcg]! + rows[$1].validation[r20]!) }
        func figures(_ values: [MetricName: Double]) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: values.map { ($0.key.description, $0.value) })
        }
        if json {
            return try Terminal.json(encoding: Report(
                dataset: dataset.name, members: members.models, depth: members.depth, seeds: seeds.isEmpty ? nil : seeds,
                rows: rows.indices.map { index in
                    Report.Row(
                        setting: rows[index].setting.label, preferredByValidation: index == preferred,
                        validation: figures(rows[index].validation), test: figures(rows[index].test),
                        bySeed: seeds.isEmpty ? nil : zip(seeds, sweeps).map { seed, sweep in
                            Report.SeedFigures(seed: seed, validation: figures(sweep[index].validation), test: figures(sweep[index].test))
                        })
                }))
        }
        func f(_ value: Double?) -> String { String(format: "%.4f", value ?? .nan) }
        var header = ["setting", "val NDCG@10", "val R@20", "test NDCG@10", "test HR@10", "test R@20", "test R@50"]
        if seeds.count > 1 { header.append("test NDCG@10 / R@20 by seed") }
        var table = TextTable(header)
        for (index, row) in rows.enumerated() {
            var cells = [row.setting.label + (index == preferred ? " *" : ""), f(row.validation[ndcg]), f(row.validation[r20]),
                         f(row.test[ndcg]), f(row.test[hr]), f(row.test[r20]), f(row.test[r50])]
            if seeds.count > 1 {
                cells.append(sweeps.map { "\(f($0[index].test[ndcg])) / \(f($0[index].test[r20]))" }.joined(separator: ", "))
            }
            table.add(cells)
        }
        let over = seeds.count > 1 ? "; mean over seeds \(seeds.map(String.init).joined(separator: ", "))" : seeds.first.map { "; seed \($0)" } ?? ""
        Terminal.out("\(dataset.name) loo, members \(members.models.joined(separator: ", ")) (top \(members.depth) each)\(over); * = preferred by validation NDCG@10 + Recall@20")
        Terminal.out(table.render())
    }

    /// `--json`: one row per setting, its validation and test figures (`"ndcg@10"`), and with
    /// --seeds the figures of each seed.
    struct Report: Encodable {
        var dataset: String
        var members: [String]
        var depth: Int
        var seeds: [UInt64]?
        var rows: [Row]

        struct Row: Encodable {
            var setting: String
            var preferredByValidation: Bool
            var validation: [String: Double]
            var test: [String: Double]
            var bySeed: [SeedFigures]?
        }

        struct SeedFigures: Encodable {
            var seed: UInt64
            var validation: [String: Double]
            var test: [String: Double]
        }
    }
}
