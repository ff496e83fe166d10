import CuratorCore
import Foundation

/// `curator items enhance`: an LLM writes a description and themes for each catalog item that
/// has no text (MovieLens has none), into the dataset's `EnhancedItemStore`.
///
/// Answers come through the `Enhancer`, so a repeat of the same model, template and item costs
/// nothing (the response cache); entries are saved in batches, so an interrupted run keeps what
/// it wrote and the next run goes on from there. An answer is cleaned like any catalog text
/// (`PromptSanitizer`: no controls, no sentence addressed to a model) and refused when what is
/// left says nothing (`EnhancedTextCheck`: too short, a tautology, a repetition, the prompt's
/// or the title's words again).
public struct ItemEnhancement: Sendable {
    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// Items without text that this run considered.
        public var considered = 0
        /// Entries written (new answers and cached ones).
        public var written = 0
        /// Of `written`, those the response cache answered.
        public var fromCache = 0
        /// Items already enhanced by this model and template (left as they are).
        public var alreadyDone = 0
        /// Answers refused by `EnhancedTextCheck`, and why (the refusal's kind to a count).
        public var refused = 0
        public var refusals: [String: Int] = [:]
        /// Failed requests: the endpoint's errors, answers cut off or outside the schema.
        public var failed = 0
        /// A few failures, for the user: item id and why.
        public var examples: [String] = []
    }

    let enhancer: Enhancer
    let store: EnhancedItemStore
    /// Entries are saved after this many new ones (and at the end).
    let batchSize: Int
    /// Requests in flight at once. A llama.cpp server with several slots batches their
    /// generation, so a small model writes two items in little more than the time of one.
    let concurrency: Int

    public init(enhancer: Enhancer, store: EnhancedItemStore, batchSize: Int = 20, concurrency: Int = 1) {
        self.enhancer = enhancer
        self.store = store
        self.batchSize = max(1, batchSize)
        self.concurrency = max(1, concurrency)
    }

    /// Enhances the items of `catalog` that have no text, at most `limit` of them (in catalog
    /// order), skipping those this model and template already enhanced unless `redo`.
    /// - Throws: `CancellationError` when cancelled (what was written so far is saved), errors
    ///   of the store; a failing request is counted, not thrown, unless every one fails.
    public func run(catalog: [Item], limit: Int? = nil, redo: Bool = false, progress: any ProgressReporter) async throws -> Summary {
        let templateHash = try enhancer.itemTemplateHash()
        let stored = try store.load()
        var summary = Summary()
        var todo: [Item] = []
        for item in catalog where item.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            if !redo, let entry = stored[item.id], entry.model == enhancer.modelName, entry.templateHash == templateHash {
                summary.alreadyDone += 1
                continue
            }
            todo.append(item)
        }
        if let limit { todo = Array(todo.prefix(max(0, limit))) }
        summary.considered = todo.count
        let tracker = ProgressTracker(task: "describing items with \(enhancer.modelName)", total: todo.count, reporter: progress)
        var pending: [String: EnhancedItemStore.Entry] = [:]
        defer { tracker.finish() }
        do {
            try await withThrowingTaskGroup(of: (Item, Result<Enhanced<ItemProfile>, any Error>).self) { group in
                var next = todo.makeIterator()
                func submit() -> Bool {
                    guard let item = next.next() else { return false }
                    group.addTask { [enhancer] in
                        do { return (item, .success(try await enhancer.itemProfile(item))) } catch { return (item, .failure(error)) }
                    }
                    return true
                }
                for _ in 0..<concurrency where !submit() { break }
                while let (item, result) = try await group.next() {
                    try Task.checkCancellation()
                    switch result {
                    case .success(let answer):
                        switch Self.entry(answer.value, of: item, model: enhancer.modelName, templateHash: answer.templateHash) {
                        case .success(let entry):
                            pending[item.id] = entry
                            summary.written += 1
                            if answer.fromCache { summary.fromCache += 1 }
                        case .failure(let refusal):
                            summary.refused += 1
                            summary.refusals[refusal.reason.kind, default: 0] += 1
                            note("\(item.id): refused, \(refusal.reason): \(answer.value.description.prefix(80))", in: &summary)
                        }
                    case .failure(let error):
                        if error is CancellationError { throw error }
                        summary.failed += 1
                        note("\(item.id): \(error)", in: &summary)
                    }
                    tracker.advance(detail: item.displayTitle)
                    if pending.count >= batchSize {
                        try store.save(pending)
                        pending = [:]
                    }
                    _ = submit()
                }
            }
        } catch {
            try? store.save(pending)
            throw error
        }
        try store.save(pending)
        if summary.failed > 0, summary.failed == todo.count {
            throw EnhancementFailed(summary: summary)
        }
        return summary
    }

    /// Every request failed: the endpoint is down or answers nothing usable.
    public struct EnhancementFailed: Error, CustomStringConvertible {
        public var summary: Summary
        public var description: String {
            "every one of \(summary.failed) requests failed" + (summary.examples.first.map { ", e.g. \($0)" } ?? "")
        }
    }

    private func note(_ example: String, in summary: inout Summary) {
        if summary.examples.count < 3 { summary.examples.append(example) }
    }

    /// A refused answer.
    struct Refused: Error {
        var reason: EnhancedTextCheck.Refusal
    }

    /// An answer cleaned like catalog text, or why it is refused: a base model's echo of the
    /// prompt, a tautology, a clause repeated to the cap, the title again (`EnhancedTextCheck`).
    /// Themes and the audience are kept only when they say something of their own.
    static func entry(_ profile: ItemProfile, of item: Item, model: String, templateHash: String) -> Result<EnhancedItemStore.Entry, Refused> {
        let check = EnhancedTextCheck()
        let description = PromptSanitizer(maximumLength: 300).sanitize(profile.description)
        if let reason = check.refusal(description, of: item) { return .failure(Refused(reason: reason)) }
        var themes: [String] = []
        for theme in profile.themes {
            let cleaned = PromptSanitizer(maximumLength: 40).sanitize(theme).lowercased()
            if check.keeps(cleaned, of: item), !themes.contains(cleaned) { themes.append(cleaned) }
        }
        let audience = PromptSanitizer(maximumLength: 120).sanitize(profile.audience)
        return .success(EnhancedItemStore.Entry(
            description: description, themes: Array(themes.prefix(3)),
            audience: check.keeps(audience, of: item, maximumWords: 12) ? audience : "",
            model: model, templateHash: templateHash))
    }
}
