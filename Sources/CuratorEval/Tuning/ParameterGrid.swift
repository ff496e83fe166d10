import CuratorRecall

/// A grid of hyper-parameters as `curator tune --grid` spells it:
/// `factors=32,64;reg=0.01,0.1` is every combination of the listed values.
public struct ParameterGrid: Sendable, Equatable {
    /// Each parameter with its values, in the order given.
    public var axes: [(name: String, values: [String])]

    /// Parses `name=v1,v2;name=v1,...`.
    /// - Throws: `ModelParameterError` for an axis without `=`, without values, or repeated.
    public init(parsing spec: String) throws {
        axes = []
        for axis in spec.split(separator: ";") where !axis.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = axis.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let values = parts.count == 2 ? parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            guard parts.count == 2, !parts[0].isEmpty, !values.isEmpty else {
                throw ModelParameterError(message: "grid axis '\(axis)' is not name=value,value,...")
            }
            guard !axes.contains(where: { $0.name == parts[0] }) else {
                throw ModelParameterError(message: "grid names '\(parts[0])' twice")
            }
            axes.append((parts[0], values))
        }
    }

    /// Every combination, the last axis varying fastest, on top of `base`.
    public func points(base: ModelParameters = ModelParameters()) -> [ModelParameters] {
        var points = [base]
        for axis in axes {
            points = points.flatMap { point in
                axis.values.map { value in
                    var next = point
                    next.values[axis.name] = value
                    return next
                }
            }
        }
        return points
    }

    public static func == (a: ParameterGrid, b: ParameterGrid) -> Bool {
        a.axes.map(\.name) == b.axes.map(\.name) && a.axes.map(\.values) == b.axes.map(\.values)
    }
}
