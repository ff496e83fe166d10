// One SASRec fit on a dataset's loo test split, as `curator bench model --model sasrec` makes it
// (RecallModelRegistry.fit, LeaveLastOutProtocol.evaluate), in a binary that links only
// CuratorCore, CuratorRecall and CuratorEval: it builds in a minute or two with swiftc where the
// package's release build takes most of an hour on a loaded 2-core machine. Prints one JSON line.
// Usage: sasrec-quick DATA k=v,... [--fit-only]      (built by ../sasrec-quick.sh)
import CuratorCore
import CuratorEval
import CuratorRecall
import Foundation

struct Report: Encodable {
    /// The fitted model's parameters (the loss `auto` chose among them).
    var parameters: [String: String]
    var fitSeconds: Double, fitCPUSeconds: Double
    var loadBefore: String, loadAfter: String
    var epochs: Int, bestEpoch: Int?, epochSeconds: [Double], validationNDCG: [Double]
    var ndcg10: Double?, hr10: Double?
    var peakRSSMB: Double = 0

    enum CodingKeys: String, CodingKey {
        case parameters, epochs, fitSeconds = "fit_seconds", fitCPUSeconds = "fit_cpu_seconds", loadBefore = "load_before"
        case loadAfter = "load_after", bestEpoch = "best_epoch", epochSeconds = "epoch_seconds"
        case validationNDCG = "validation_ndcg10", ndcg10 = "ndcg@10", hr10 = "hr@10", peakRSSMB = "peak_rss_mb"
    }
}

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
}

@main struct SASRecQuick {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3 else {
            FileHandle.standardError.write(Data("usage: sasrec-quick DATA k=v,... [--fit-only]\n".utf8))
            exit(2)
        }
        let evaluation = LeaveLastOutProtocol(dataset: try DatasetLoader.load(path: arguments[1]).dataset)
        let training = evaluation.trainingData(for: .test)
        let parameters = try ModelParameters(parsing: arguments[2])
        let loadBefore = loadAverage(), cpuBefore = cpuSeconds(), clock = ContinuousClock(), start = clock.now
        let model = try RecallModelRegistry.fit(kind: SASRecModel.kind, parameters: parameters, data: training)
        let wall = start.duration(to: clock.now)
        let sasrec = model as! SASRecModel
        var report = Report(
            parameters: sasrec.configuration.parameters, fitSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18,
            fitCPUSeconds: cpuSeconds() - cpuBefore, loadBefore: loadBefore, loadAfter: loadAverage(),
            epochs: sasrec.training.epochs.count, bestEpoch: sasrec.training.bestEpoch,
            epochSeconds: sasrec.training.epochs.map(\.seconds), validationNDCG: sasrec.training.epochs.compactMap(\.validationNDCG))
        if !arguments.contains("--fit-only") {
            let metrics = evaluation.evaluate(model, phase: .test)
            report.ndcg10 = metrics[MetricName(.ndcg, 10)]
            report.hr10 = metrics[MetricName(.hitRate, 10)]
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        report.peakRSSMB = Double(usage.ru_maxrss) / 1024
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
