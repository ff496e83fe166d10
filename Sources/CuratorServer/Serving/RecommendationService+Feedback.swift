import CuratorColdStart
import CuratorCore
import CuratorText
import Foundation

/// An item as `GET /v1/items/{id}` shows it: the catalog entry's fields, and where it came from.
public struct ItemDetail: Sendable, Equatable, Codable {
    public var item: Item
    /// Added after training (`PUT /v1/items/{id}`, `curator items add`).
    public var onboarded: Bool
    /// Interactions in the training data.
    public var interactions: Int

    init(item: Item, onboarded: Bool, interactions: Int) {
        self.item = item
        self.onboarded = onboarded
        self.interactions = interactions
    }

    enum CodingKeys: String, CodingKey { case onboarded, interactions }

    /// The item's own keys and these two, in one object.
    public func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(onboarded, forKey: .onboarded)
        try container.encode(interactions, forKey: .interactions)
    }

    public init(from decoder: any Decoder) throws {
        item = try Item(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        onboarded = try container.decode(Bool.self, forKey: .onboarded)
        interactions = try container.decode(Int.self, forKey: .interactions)
    }
}

/// A new item's description, as `PUT /v1/items/{id}` takes it.
public struct NewItem: Sendable, Equatable, Codable {
    public var title: String
    public var year: Int?
    public var genres: [String]?
    public var text: String?
    public var tags: [String]?

    public init(title: String, year: Int? = nil, genres: [String]? = nil, text: String? = nil, tags: [String]? = nil) {
        self.title = title
        self.year = year
        self.genres = genres
        self.text = text
        self.tags = tags
    }
}

/// Serialises onboarding: one embed-and-write at a time, so two requests never lose each other's item.
actor OnboardingQueue {
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async rethrows -> T { try await work() }
}

extension RecommendationService {
    /// Validates and stores a batch of events, all or none; durable when this returns.
    /// - Returns: how many were stored.
    /// - Throws: `ServiceError` naming the first bad event's field (`events[3].type`).
    public func record(_ events: [FeedbackEvent]) async throws -> Int {
        guard !events.isEmpty else { throw ServiceError.badField("events", "the batch is empty") }
        guard events.count <= 1_000 else { throw ServiceError.badField("events", "at most 1000 events per batch") }
        let snapshot = state.snapshot
        for (i, event) in events.enumerated() {
            let at = "events[\(i)]"
            guard !event.user.trimmingCharacters(in: .whitespaces).isEmpty, event.user.utf8.count <= 256 else {
                throw ServiceError.badField(at + ".user", "must be a non-empty id of at most 256 bytes")
            }
            guard configuration.feedback.weights[event.type] != nil else {
                throw ServiceError.badField(at + ".type", "'\(event.type)' is not one of \(configuration.feedback.types.joined(separator: ", "))")
            }
            if let value = event.value, !value.isFinite { throw ServiceError.badField(at + ".value", "must be a finite number") }
            if event.type == FeedbackPolicy.ratingType, event.value == nil { throw ServiceError.badField(at + ".value", "a rating needs a value") }
            guard index(of: event.item, in: snapshot) != nil else {
                throw ServiceError(.notFound, code: "unknown_item", message: "\(at).item: no item '\(event.item)' in \(dataset.name)", field: at + ".item")
            }
            guard (0...4_102_444_800).contains(event.timestamp) else {
                throw ServiceError.badField(at + ".timestamp", "must be seconds since 1970, before 2100")
            }
        }
        try await store.append(events)
        metrics.feedbackStored(events.count)
        return events.count
    }

    /// Onboards (or updates) an item from its text: embedded, placed among the trained items,
    /// stored with the dataset's onboarded items, and recommendable in the next response.
    /// - Returns: the item and whether it is new.
    /// - Throws: `ServiceError` (conflict for a dataset item, bad request naming the field, unavailable without an embedder).
    public func onboard(id: String, _ input: NewItem) async throws -> (item: ItemDetail, created: Bool) {
        guard let embedder else {
            throw ServiceError(.unavailable, code: "text_unavailable", message: "onboarding needs a text embedder (start the server with one)")
        }
        _ = try snapshot()
        guard dataset.items.index(of: id) == nil else {
            throw ServiceError(.conflict, code: "dataset_item", message: "item '\(id)' is part of the dataset; onboarding adds new items only", field: "id")
        }
        let item: Item
        do {
            item = try ItemFileParser.validated(
                Item(id: id, title: input.title, year: input.year, genres: input.genres ?? [], text: input.text ?? "", tags: input.tags ?? []),
                file: "request", line: nil)
        } catch let error as DataError {
            let message = if case .invalid(let why) = error.kind { why } else { error.description }
            throw ServiceError.badField(error.field ?? "title", message)
        }
        guard let embeddings = catalogEmbeddings.withLock({ $0 }) else {
            throw ServiceError(.notReady, code: "not_ready", message: "the catalog is still being embedded")
        }
        let outcome = try await onboarding.run {
            let outcome = try await ItemOnboarding.add([item], from: "request", to: self.onboardedStore, dataset: self.dataset, embedder: embedder)
            let records = try await ItemOnboarding.records(in: self.onboardedStore, dataset: self.dataset, embedder: embedder).records
            let catalog = try OnboardedCatalog(dataset: self.dataset, catalogEmbeddings: embeddings, records: records, itemCounts: self.itemCounts)
            self.state.update { $0.with(text: TextCatalog(catalog: catalog, model: $0.model, itemCounts: self.itemCounts)) }
            return outcome
        }
        return (ItemDetail(item: item, onboarded: true, interactions: 0), !(outcome.first?.updated ?? false))
    }
}
