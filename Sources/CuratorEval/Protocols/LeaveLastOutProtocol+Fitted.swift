import CuratorCore
import CuratorRecall
import Foundation

extension LeaveLastOutProtocol {
    /// Evaluates an already fitted model on one phase (the model must have been fitted on
    /// `trainingData(for: phase)`): what benchmarks use to time fitting and ranking apart.
    public func evaluate(_ model: any RecallModel, phase: Phase, progress: any ProgressReporter = SilentProgress()) -> [MetricName: Double] {
        let cases = cases(for: phase)
        let tracker = ProgressTracker(task: "\(type(of: model).kind): ranking (\(phase.rawValue))", total: cases.count, reporter: progress)
        defer { tracker.finish() }
        return ListEvaluator(metrics: metrics, itemCounts: trainingData(for: phase).itemCounts())
            .evaluate(model, cases: cases, progress: tracker)
    }

    /// Writes a phase's split as dense indices, so a peer (a Python script) reads exactly the
    /// same data: `train.tsv` (`user<TAB>item`, each user's training items in time order),
    /// `targets.tsv` (`user<TAB>item`, one held-out item per evaluated user) and `shape.tsv`
    /// (`users<TAB>items`).
    /// - Throws: the file system's errors, with the folder's path.
    public func exportSplit(phase: Phase, to folder: String) throws {
        let sequences = phase == .validation ? split.training : split.trainingWithValidation
        let targets = phase == .validation ? split.validation : split.test
        var train = "", held = ""
        train.reserveCapacity(sequences.items.count * 12)
        for user in 0..<sequences.userCount {
            for item in sequences.sequence(of: user) { train += "\(user)\t\(item)\n" }
            if targets[user] >= 0 { held += "\(user)\t\(targets[user])\n" }
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try train.write(toFile: folder + "/train.tsv", atomically: true, encoding: .utf8)
            try held.write(toFile: folder + "/targets.tsv", atomically: true, encoding: .utf8)
            try "\(sequences.userCount)\t\(split.itemCount)\n".write(toFile: folder + "/shape.tsv", atomically: true, encoding: .utf8)
        } catch {
            throw SplitExportError(folder: folder, underlying: error)
        }
    }
}

/// A split could not be written.
public struct SplitExportError: Error, CustomStringConvertible, Sendable {
    public var folder: String
    public var underlying: any Error
    public var description: String { "cannot write the split to \(folder): \(underlying)" }
}
