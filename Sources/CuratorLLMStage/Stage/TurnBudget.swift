import CuratorLLM
import Foundation
import Synchronization

/// One deadline for all the LLM work of a turn (a chat turn, a `recommend --llm` request):
/// each call runs only within what is left of it, and once a call times out, the server is
/// refused or keeps failing, or the deadline passes, no further call of the turn is made, so
/// the rest falls back at once (recall order, grounded explanations) instead of waiting out
/// each call's own timeout in turn.
public final class TurnBudget: Sendable {
    /// When the turn's LLM work must be done.
    public let deadline: ContinuousClock.Instant
    private let state = Mutex<String?>(nil)

    /// A budget of `limit` from now.
    public init(limit: Duration) {
        deadline = ContinuousClock.now.advanced(by: limit)
    }

    /// Why the turn stopped asking the LLM (`nil` while it may still ask).
    public var stopped: String? {
        if let reason = state.withLock({ $0 }) { return reason }
        return ContinuousClock.now >= deadline ? "the turn's LLM deadline passed" : nil
    }

    /// Stops further calls of this turn, for `reason` (the first reason is kept).
    public func stop(_ reason: String) {
        state.withLock { if $0 == nil { $0 = reason } }
    }

    /// Runs `work` within what is left of the deadline; cancels it when the deadline passes.
    /// - Throws: `TurnBudgetError` when the turn stopped asking or the deadline passed during
    ///   the call; `work`'s own error otherwise (a timeout, a refused connection or a server
    ///   error also stops the rest of the turn).
    public func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        if let stopped { throw TurnBudgetError(reason: stopped) }
        let deadline = self.deadline
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    return nil
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let value = next { return value }
                    break
                }
                throw TurnBudgetError(reason: "the turn's LLM deadline passed")
            }
        } catch let error as TurnBudgetError {
            stop(error.reason)
            throw error
        } catch let error as LLMError {
            switch error.kind {
            case .timedOut, .unreachable, .httpStatus, .streamEndedEarly, .transport:
                stop("the server failed (\(Self.kindName(error.kind))): not asked again this turn")
            default: break
            }
            throw error
        }
    }

    static func kindName(_ kind: LLMError.Kind) -> String {
        switch kind {
        case .timedOut: "timed out"
        case .unreachable: "unreachable"
        case .httpStatus(let code): "HTTP \(code)"
        case .streamEndedEarly: "stream cut"
        default: "transport"
        }
    }
}

/// The turn's LLM budget was spent, or the turn stopped asking a failing server.
public struct TurnBudgetError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
