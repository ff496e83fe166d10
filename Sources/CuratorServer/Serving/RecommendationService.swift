import CuratorColdStart
import CuratorChat
import CuratorCore
import CuratorLLMStage
import CuratorRecall
import CuratorText
import Foundation
import Logging
import Synchronization

/// The recommendation service behind `curator serve`: answers for known users, for any
/// history or words, similar items, onboarding, and feedback that changes a user's next
/// answer at once. The HTTP routes only decode, call this, and encode; another edge (a
/// session API, a batch job) can drive the same type.
public final class RecommendationService: Sendable {
    public let configuration: ServerConfiguration
    public let dataset: Dataset
    public let state = ServingState()
    public let store: any ServingStore
    let sequences: UserSequences
    /// Which of their films the dataset's users liked (by their ratings): the films a reason may name.
    let liked: LikedItems
    let itemCounts: [Int]
    /// Items that stand in for unknown films ("unknown" in MovieLens 100K): never listed.
    let placeholders: Set<Int32>
    let modelStore: ModelStore
    let onboardedStore: OnboardedItemStore
    let embedder: (any TextEmbedder)?
    let impressions = ImpressionBuffer()
    let metrics: ServerMetrics
    let catalogEmbeddings = Mutex<ItemEmbeddings?>(nil)
    /// A model file that failed to load, not retried until it changes again.
    let rejectedStamp = Mutex<FileStamp?>(nil)
    let onboarding = OnboardingQueue()

    /// - Parameters:
    ///   - dataset: the loaded (and filtered) dataset `configuration.dataPath` names.
    ///   - embedder: places onboarded items and text requests; nil turns those routes off (503).
    ///   - store: feedback, impressions and sessions; the SQLite store of the state folder when nil.
    public init(configuration: ServerConfiguration, dataset: Dataset, embedder: (any TextEmbedder)?, store: (any ServingStore)? = nil) throws {
        self.configuration = configuration
        self.dataset = dataset
        // Clients' texts (a new user's words, a chat's first turn) arriving together share one
        // encoder pass.
        self.embedder = embedder.map { CoalescingTextEmbedder($0) }
        self.store = try store ?? SQLiteServingStore(datasetFolder: configuration.datasetFolder)
        sequences = UserSequences(dataset.interactions, userCount: dataset.userCount)
        liked = dataset.likedItems()
        itemCounts = dataset.itemInteractionCounts()
        placeholders = Set(dataset.catalog.indices.filter { dataset.catalog[$0].isPlaceholder }.map(Int32.init))
        modelStore = ModelStore(state: configuration.state, datasetPath: configuration.dataPath, filter: configuration.filter, dataset: dataset)
        onboardedStore = OnboardedItemStore(datasetFolder: configuration.datasetFolder)
        metrics = ServerMetrics()
    }

    /// The current snapshot.
    /// - Throws: `ServiceError` (not ready) while the model loads or after it failed to.
    public func snapshot() throws -> ModelSnapshot {
        if let snapshot = state.snapshot { return snapshot }
        switch state.status {
        case .failed(let why): throw ServiceError(.notReady, code: "not_ready", message: why)
        case .loading(let what): throw ServiceError(.notReady, code: "not_ready", message: "not ready yet: \(what)")
        case .ready: throw ServiceError(.notReady, code: "not_ready", message: "no model loaded")
        }
    }

    // MARK: Items

    func index(of id: String, in snapshot: ModelSnapshot?) -> Int32? {
        snapshot?.text?.catalog.index(of: id) ?? dataset.items.index(of: id)
    }

    func item(at index: Int32, in snapshot: ModelSnapshot) -> Item {
        Int(index) < dataset.itemCount ? dataset.catalog[Int(index)] : snapshot.text!.catalog.items[Int(index)]
    }

    func requireItem(_ id: String, in snapshot: ModelSnapshot, field: String = "id") throws -> Int32 {
        guard let index = index(of: id, in: snapshot) else {
            throw ServiceError(.notFound, code: "unknown_item", message: "no item '\(id)' in \(dataset.name)", field: field)
        }
        return index
    }

    /// An item's catalog entry.
    /// - Throws: `ServiceError` (not found, not ready).
    public func itemDetail(_ id: String) throws -> ItemDetail {
        let snapshot = try snapshot()
        let index = try requireItem(id, in: snapshot)
        let item = item(at: index, in: snapshot)
        let onboarded = Int(index) >= dataset.itemCount
        return ItemDetail(item: item, onboarded: onboarded, interactions: onboarded ? 0 : itemCounts[Int(index)])
    }

    // MARK: Users

    /// A user's history (training interactions, then positive feedback, weighted) and the items
    /// they marked unwanted.
    /// - Throws: `ServiceError` (not found) for a user with neither interactions nor feedback.
    func context(user: String, snapshot: ModelSnapshot) async throws -> UserState {
        let known = dataset.users.index(of: user)
        var history = known.map { Array(sequences.sequence(of: Int($0))) } ?? []
        var weights = [Float](repeating: 1, count: history.count)
        let events = try await store.events(user: user)
        guard known != nil || !events.isEmpty else {
            throw ServiceError(.notFound, code: "unknown_user", message: "no user '\(user)' in \(dataset.name) and no feedback from them", field: "id")
        }
        var unwanted = Set<Int32>()
        for event in events {
            guard let item = index(of: event.item, in: snapshot), Int(item) < snapshot.itemCount,
                  let weight = configuration.feedback.weight(type: event.type, value: event.value) else { continue }
            if weight > 0 {
                unwanted.remove(item)
                history.append(item)
                weights.append(weight)
            } else {
                unwanted.insert(item)
            }
        }
        // Liked: a positive feedback event, or a film of the dataset rated at least the user's mean.
        let fromDataset = known.map { sequences.sequence(of: Int($0)).count } ?? 0
        var isLiked = history.indices.map { $0 >= fromDataset || liked.liked(history[$0], by: known!) }
        if !unwanted.isEmpty {
            let kept = history.indices.filter { !unwanted.contains(history[$0]) }
            history = kept.map { history[$0] }
            weights = kept.map { weights[$0] }
            isLiked = kept.map { isLiked[$0] }
        }
        let plain = events.isEmpty && unwanted.isEmpty
        let likedHistory = history.indices.filter { isLiked[$0] }.map { history[$0] }
        return UserState(context: UserContext(user: known, history: history, weights: plain ? nil : weights), unwanted: unwanted, liked: likedHistory)
    }

    /// What is known of a user: the history recall reads (every interaction, and positive
    /// feedback), what they turned away, and the films of it they liked (what a reason may name).
    struct UserState {
        var context: UserContext
        var unwanted: Set<Int32>
        var liked: [Int32]
    }

    /// Recommendations for a user of the dataset or one known only by feedback.
    /// - Throws: `ServiceError` (not found, not ready, bad request).
    public func recommend(user: String, query: RecommendationQuery, endpoint: String) async throws -> Recommendation {
        try query.validate(maxCount: configuration.maxCount)
        let snapshot = try snapshot()
        try query.validateGenre(among: snapshot.text?.catalog.items ?? dataset.catalog)
        let state = try await context(user: user, snapshot: snapshot)
        var scores = [Float](repeating: 0, count: snapshot.itemCount)
        scores.withUnsafeMutableBufferPointer { snapshot.score(state.context, into: $0) }
        return show(scores: scores, history: state.context.history, liked: state.liked, unwanted: state.unwanted, query: query,
                    snapshot: snapshot, user: user, words: nil, endpoint: endpoint)
    }

    /// Recommendations for an anonymous history and/or words (a new user, a session).
    /// - Parameter reading: the words read by the chat's rules, when the conversations are
    ///   ready: the films they name join the history (turned-away ones are left out), and the
    ///   genres and years they set filter the list, which the embedded words alone cannot do
    ///   ("nothing scary" embeds close to horror).
    /// - Throws: `ServiceError` (bad request naming `history` or `text`, not ready, unavailable without an embedder).
    public func recommend(history ids: [String], text: String?, reading: RequestReading? = nil, query: RecommendationQuery,
                          endpoint: String) async throws -> Recommendation {
        try query.validate(maxCount: configuration.maxCount)
        let words = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        // A text given is a turn's text: at most a turn's length (it is read, embedded and quoted in reasons).
        if let text, text.utf8.count > ConversationService.textLimit {
            throw ServiceError(.tooLarge, code: "text_too_large", message: "a text is at most \(ConversationService.textLimit) bytes", field: "text")
        }
        guard !ids.isEmpty || !(words ?? "").isEmpty else {
            // An empty text is the text's fault, not a missing history's.
            throw ServiceError.badField(text == nil ? "history" : "text", "give a history of item ids or a text (or both)")
        }
        let snapshot = try snapshot()
        try query.validateGenre(among: snapshot.text?.catalog.items ?? dataset.catalog)
        let given = try ids.enumerated().map { try requireItem($1, in: snapshot, field: "history[\($0)]") }
        let history = reading?.history(after: given) ?? given
        let search = words.flatMap { words in reading.map { $0.search() } ?? words }
        let reading = reading ?? RequestReading()
        var scores: [Float]
        if let search, !search.isEmpty {
            guard let embedder, let text = snapshot.text else {
                throw ServiceError(.unavailable, code: "text_unavailable", message: "text requests need a text embedder (start the server with one)", field: "text")
            }
            let query = try await embedder.embed([search])
            scores = text.newUsers.scores(query: query, likes: history)
        } else if history.isEmpty {
            // Words that only filter ("nothing scary"): the most watched that pass.
            scores = (0..<snapshot.itemCount).map { $0 < itemCounts.count ? Float(itemCounts[$0]) : 0 }
        } else {
            scores = [Float](repeating: 0, count: snapshot.itemCount)
            scores.withUnsafeMutableBufferPointer { snapshot.score(UserContext(history: history), into: $0) }
        }
        // A mood the words asked for leads, as it does in the chat ("something feel-good").
        scores = reading.reordered(scores, item: { self.item(at: $0, in: snapshot) })
        let admits: ((Item) -> Bool)? = reading.constraints.isEmpty ? nil : { reading.admits($0) }
        // Words that only filtered gave no list of their own to be close to.
        let listedFrom = search == nil && history.isEmpty ? nil : words
        return show(scores: scores, history: history, liked: given + reading.liked, asked: reading.steering, unwanted: reading.leftOut,
                    query: query, admits: admits, snapshot: snapshot, user: nil, words: listedFrom, endpoint: endpoint)
    }

    /// Items like an item: the model's item similarities when it has them, else the item alone as a history.
    /// - Throws: `ServiceError` (not found, not ready, bad request).
    public func similar(to id: String, count: Int, endpoint: String) throws -> Recommendation {
        try RecommendationQuery(count: count).validate(maxCount: configuration.maxCount)
        let snapshot = try snapshot()
        let index = try requireItem(id, in: snapshot)
        let items: [ScoredItem]
        if let similarity = snapshot.model as? any ItemSimilarityModel, Int(index) < dataset.itemCount {
            items = similarity.similarItems(to: index, count: count)
        } else {
            var scores = [Float](repeating: 0, count: snapshot.itemCount)
            scores.withUnsafeMutableBufferPointer { snapshot.score(UserContext(history: [index]), into: $0) }
            items = scores.withUnsafeBufferPointer { TopK.select(count, from: $0, excluded: { $0 == index }) }
        }
        let title = item(at: index, in: snapshot).spokenDisplayTitle
        let shown = items.enumerated().map { rank, scored in
            recommended(scored, in: snapshot, recallRank: rank + 1, reason: "Like \(title)")
        }
        return remember(shown, user: nil, snapshot: snapshot, endpoint: endpoint)
    }

    // MARK: Lists

    /// - Parameters:
    ///   - history: what the user has seen (left out with `exclude_seen`).
    ///   - liked: the films of it a reason may name ("Because you liked …").
    ///   - asked: films the words named with no feeling ("something like Inception"), which a
    ///     reason names as asked for ("More like Inception, as you asked"), not as liked.
    ///   - admits: a filter beyond the query's (the constraints a request's words set).
    func show(scores: [Float], history: [Int32], liked: [Int32], asked: [Int32] = [], unwanted: Set<Int32>, query: RecommendationQuery,
              admits: ((Item) -> Bool)? = nil, snapshot: ModelSnapshot, user: String?, words: String?, endpoint: String) -> Recommendation {
        let seen = query.excludeSeen ? Set(history) : []
        let left = { (i: Int32) in unwanted.contains(i) || seen.contains(i) || self.placeholders.contains(i) }
        let filtered = query.genre != nil || query.minYear != nil || query.maxYear != nil
        let top = scores.withUnsafeBufferPointer { buffer in
            TopK.select(query.offset + query.count, from: buffer, excluded: {
                guard !left($0) else { return true }
                guard filtered || admits != nil else { return false }
                let item = self.item(at: $0, in: snapshot)
                return (filtered && !query.admits(item)) || admits?(item) == false
            })
        }
        let page = Array(top.dropFirst(query.offset))
        let ranks = recallRanks(of: page, scores: scores, left: left)
        let anchoring = liked + asked.filter { !liked.contains($0) }
        let anchors = anchoring.isEmpty ? [] : AnchorSelector().anchors(history: anchoring, candidates: page.map(\.item), catalog: snapshot.text?.catalog.items ?? dataset.catalog)
        let shown = page.enumerated().map { slot, scored in
            let reason = anchors.isEmpty
                ? (words.map { "Close to \"\($0)\"" } ?? (history.isEmpty ? (admits == nil ? "Popular" : "Popular, and fits what you asked for") : "From what you watched"))
                : liked.contains(anchors[slot]) ? "Because you liked \(item(at: anchors[slot], in: snapshot).spokenDisplayTitle)"
                : "More like \(item(at: anchors[slot], in: snapshot).spokenDisplayTitle), as you asked"
            return recommended(scored, in: snapshot, recallRank: ranks[slot], reason: reason)
        }
        return remember(shown, user: user, snapshot: snapshot, endpoint: endpoint)
    }

    /// Each page item's rank among the items the model could show (before filters and the
    /// offset): 1 + how many of them score higher. One pass over the scores, a binary search
    /// into the page's (descending) scores per item.
    func recallRanks(of page: [ScoredItem], scores: [Float], left: (Int32) -> Bool) -> [Int] {
        let bars = page.map(\.score)
        var above = [Int](repeating: 0, count: bars.count + 1)
        for (i, score) in scores.enumerated() where score.isFinite && score > (bars.last ?? .infinity) && !left(Int32(i)) {
            // The first page item this score beats: every page item from there on has it above.
            var low = 0, high = bars.count
            while low < high {
                let middle = (low + high) / 2
                if bars[middle] < score { high = middle } else { low = middle + 1 }
            }
            above[low] += 1
        }
        var ranks: [Int] = [], running = 0
        for slot in bars.indices {
            running += above[slot]
            ranks.append(running + 1)
        }
        return ranks
    }

    func recommended(_ scored: ScoredItem, in snapshot: ModelSnapshot, recallRank: Int, reason: String) -> RecommendedItem {
        let item = item(at: scored.item, in: snapshot)
        return RecommendedItem(id: item.id, title: item.title, displayTitle: item.spokenDisplayTitle, year: item.year, genres: item.genres,
                               score: scored.score.isFinite ? scored.score : 0, recallRank: recallRank, reason: reason)
    }

    /// Gives the list its id and queues its impression.
    func remember(_ items: [RecommendedItem], user: String?, snapshot: ModelSnapshot, endpoint: String) -> Recommendation {
        let recommendation = Recommendation(recommendationID: UUID().uuidString.lowercased(), model: snapshot.kind, modelVersion: snapshot.version, items: items)
        if !items.isEmpty {
            impressions.append(Impression(id: recommendation.recommendationID, user: user, items: items.map(\.id),
                                          model: snapshot.kind, modelVersion: snapshot.version, endpoint: endpoint))
        }
        return recommendation
    }
}
