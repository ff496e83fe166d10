import Foundation

/// The figures of one protocol phase for one model.
///
/// Encoded as one flat JSON object: each metric under its own name (`"ndcg@10": 0.0337`)
/// beside `users`, `fit_seconds` and `eval_seconds`.
public struct PhaseResult: Sendable, Encodable {
    /// "validation" or "test".
    public var phase: String
    public var users: Int
    public var metrics: [MetricName: Double]
    public var fitSeconds: Double
    public var evaluationSeconds: Double

    private enum CodingKeys: String, CodingKey {
        case users, fitSeconds = "fit_seconds", evaluationSeconds = "eval_seconds"
    }

    public func encode(to encoder: any Encoder) throws {
        try MetricFigures(metrics).encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(users, forKey: .users)
        try container.encode(fitSeconds, forKey: .fitSeconds)
        try container.encode(evaluationSeconds, forKey: .evaluationSeconds)
    }
}

/// What `curator eval` prints: a model's figures on a protocol, test first, validation beside.
///
/// Its JSON is one object: the test phase's figures at top level (`"ndcg@10": 0.0337`), the
/// validation ones under `"validation"`, plus the setup that produced them.
public struct EvaluationReport: Sendable, Encodable {
    public var dataset: String
    public var protocolName: String
    public var model: String
    public var parameters: [String: String]
    public var validation: PhaseResult?
    public var test: PhaseResult

    private enum CodingKeys: String, CodingKey {
        case dataset, protocolName = "protocol", model, parameters, validation
    }

    public func encode(to encoder: any Encoder) throws {
        try test.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(protocolName, forKey: .protocolName)
        try container.encode(model, forKey: .model)
        try container.encode(parameters, forKey: .parameters)
        try container.encodeIfPresent(validation, forKey: .validation)
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
