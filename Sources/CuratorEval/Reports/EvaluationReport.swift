import Foundation

/// The figures of one protocol phase for one model.
public struct PhaseResult: Sendable {
    /// "validation" or "test".
    public var phase: String
    public var users: Int
    public var metrics: [MetricName: Double]
    public var fitSeconds: Double
    public var evaluationSeconds: Double
}

/// What `curator eval` prints: a model's figures on a protocol, test first, validation beside.
public struct EvaluationReport: Sendable {
    public var dataset: String
    public var protocolName: String
    public var model: String
    public var parameters: [String: String]
    public var validation: PhaseResult?
    public var test: PhaseResult

    /// One JSON object: the test metrics at top level (`"ndcg@10": 0.0337`), the validation
    /// ones under `"validation"`, plus timings and the setup that produced them.
    public func jsonObject() -> [String: Any] {
        func metrics(_ phase: PhaseResult) -> [String: Any] {
            var object: [String: Any] = [:]
            for (name, value) in phase.metrics { object[name.description] = value }
            object["users"] = phase.users
            object["fit_seconds"] = phase.fitSeconds
            object["eval_seconds"] = phase.evaluationSeconds
            return object
        }
        var object = metrics(test)
        object["dataset"] = dataset
        object["protocol"] = protocolName
        object["model"] = model
        object["parameters"] = parameters
        if let validation { object["validation"] = metrics(validation) }
        return object
    }

    public func jsonString() -> String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject(), options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A plain table: one row per metric, a column per phase.
    public func table() -> String {
        let names = test.metrics.keys.sorted()
        var lines: [String] = []
        let parameterText = parameters.isEmpty ? "" : " (" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        lines.append("\(model)\(parameterText) on \(dataset), protocol \(protocolName), \(test.users) users")
        let header = "metric".padding(toLength: 20, withPad: " ", startingAt: 0) + "test".leftPadded(10) + (validation == nil ? "" : "validation".leftPadded(12))
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for name in names {
            var row = name.description.padding(toLength: 20, withPad: " ", startingAt: 0)
            row += String(format: "%.4f", test.metrics[name]!).leftPadded(10)
            if let validation { row += String(format: "%.4f", validation.metrics[name] ?? .nan).leftPadded(12) }
            lines.append(row)
        }
        var timing = String(format: "fit %.2fs, eval %.2fs (test)", test.fitSeconds, test.evaluationSeconds)
        if let validation { timing += String(format: "; fit %.2fs, eval %.2fs (validation)", validation.fitSeconds, validation.evaluationSeconds) }
        lines.append(timing)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
