import Prometheus
import Synchronization

/// The service's Prometheus registry: requests and latency per route, the model version in
/// use, swaps, stored feedback. One registry per server (no process-wide bootstrap), so tests
/// can run several servers in one process.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let modelInfo = Mutex<Gauge?>(nil)
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.name("http_requests", "total", "HTTP requests by route, method and status"),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.name("http_request_duration", "seconds", "HTTP request latency by route and method"),
            labels: [("route", route), ("method", method)], buckets: Self.buckets
        ).record(duration)
    }

    /// Marks `version` of `kind` as the one in use (the old version's gauge is removed).
    func modelLoaded(kind: String, version: String) {
        let gauge = registry.makeGauge(
            descriptor: Self.name("model", "info", "The model in use (value 1), by kind and version"),
            labels: [("model", kind), ("version", version)])
        gauge.set(to: 1.0)
        let old = modelInfo.withLock { current in defer { current = gauge }; return current }
        if let old, old !== gauge { registry.unregisterGauge(old) }
    }

    func modelSwapped(kind: String, version: String) {
        registry.makeCounter(descriptor: Self.name("model_swaps", "total", "New model files swapped in without a restart")).increment()
        modelLoaded(kind: kind, version: version)
    }

    func feedbackStored(_ count: Int) {
        registry.makeCounter(descriptor: Self.name("feedback_events", "total", "Feedback events stored")).increment(by: Int64(count))
    }

    /// A conversation turn stopped because its client went away (its LLM work cancelled).
    func chatTurnCancelled() {
        registry.makeCounter(descriptor: Self.name("chat_turns_cancelled", "total", "Conversation turns stopped because the client went away")).increment()
    }

    /// `curator_<metric>_<unit>`.
    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "curator", metricName: metric, unitName: unit, helpText: help)
    }

    func text() -> String { registry.emitToString() }
}
