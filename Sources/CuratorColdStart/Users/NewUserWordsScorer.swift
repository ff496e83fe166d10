import CuratorCore
import CuratorText
import Synchronization

/// A new user's words → one score per catalog item (text similarity mixed with popularity,
/// through `NewUserRecommender`), with the catalog's embeddings made in the background: whoever
/// starts it does not wait for them (a chat shows its prompt at once), and a question asked
/// before they are ready either waits for them or is told they are not ready.
public final class NewUserWordsScorer: Sendable {
    /// Asked before the catalog's embeddings were ready, without waiting.
    public struct NotReady: Error, Sendable, CustomStringConvertible {
        public var description: String { "the catalog's text is still being embedded" }
    }

    private final class Ready: Sendable {
        /// Set once the background work ends: the recommender, or why there is none.
        let outcome = Mutex<Result<NewUserRecommender, any Error>?>(nil)
    }

    private let embedder: any TextEmbedder
    private let ready = Ready()
    private let preparation: Task<NewUserRecommender, any Error>

    /// Starts making the catalog's embeddings (`embeddings`, typically from a cache) in the background.
    /// - Parameters:
    ///   - embedder: embeds the user's words; the same model that embedded the catalog.
    ///   - dataset: the catalog and its interaction counts (popularity).
    ///   - onboarded: items added after training, scored after the catalog's (as a conversation
    ///     over the catalog and its onboarded items lists them).
    ///   - embeddings: the catalog's embeddings, in index order.
    public init(embedder: any TextEmbedder, dataset: Dataset, onboarded: [OnboardedItemStore.Record] = [],
                embeddings: @escaping @Sendable () async throws -> ItemEmbeddings) {
        self.embedder = embedder
        let ready = ready
        preparation = Task.detached(priority: .utility) {
            let result: Result<NewUserRecommender, any Error>
            do {
                let counts = dataset.itemInteractionCounts()
                let catalog = try OnboardedCatalog(dataset: dataset, catalogEmbeddings: try await embeddings(), records: onboarded, itemCounts: counts)
                result = .success(NewUserRecommender(catalog: catalog, scorer: nil, itemCounts: counts))
                // The first sentence embedded pays for the model's first touch (about a second
                // on ml-100k's machine): pay it here, not in the user's first turn.
                if !Task.isCancelled { _ = try? await embedder.embed(["a film to watch tonight"]) }
            } catch {
                result = .failure(error)
            }
            ready.outcome.withLock { $0 = result }
            return try result.get()
        }
    }

    /// Whether the catalog's embeddings are ready.
    public var isReady: Bool { ready.outcome.withLock { (try? $0?.get()) != nil } }

    /// Waits for the catalog's embeddings.
    /// - Throws: what making them threw.
    public func prepared() async throws { _ = try await preparation.value }

    /// Stops the background work and waits until it has stopped (within one chunk of the
    /// catalog). Call it before the process ends: OpenBLAS can hang in its exit handler while
    /// another thread is inside a BLAS call.
    public func stop() async {
        preparation.cancel()
        _ = try? await preparation.value
    }

    /// Scores every catalog item for `text`.
    /// - Parameter waiting: wait for the catalog's embeddings when they are not ready yet.
    /// - Throws: `NotReady` when they are not ready and `waiting` is false; what making them
    ///   or embedding `text` threw.
    public func scores(for text: String, waiting: Bool = false) async throws -> [Float] {
        let recommender: NewUserRecommender
        if let outcome = ready.outcome.withLock({ $0 }) {
            recommender = try outcome.get()
        } else if waiting {
            recommender = try await preparation.value
        } else {
            throw NotReady()
        }
        return recommender.scores(query: try await embedder.embed([text]), likes: [])
    }
}
