import CuratorColdStart
import CuratorCore
import CuratorRecall
import Foundation

/// One immutable view of what the service recommends with: a fitted model, its version, and
/// (with a text embedder) the catalog extended by onboarded items. Requests take the current
/// snapshot once and use it to the end, so a swap never changes a list half-way.
public struct ModelSnapshot: Sendable {
    public let model: any RecallModel
    public let kind: String
    /// The model file's checksum and time ("itemknn-3fa2c1d0"), or "fitted" before a save.
    public let version: String
    /// When the model file was last seen changed, to notice the next `curator train`.
    let stamp: FileStamp?
    /// The catalog with onboarded items and the scorer over it; nil without an embedder.
    public let text: TextCatalog?

    public var itemCount: Int { text?.catalog.count ?? model.itemCount }

    /// Scores every item (`scores.count == itemCount`).
    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        if let text { text.scorer.score(context, into: scores) } else { model.score(context, into: scores) }
    }

    /// The same model over a new onboarded catalog.
    func with(text: TextCatalog?) -> ModelSnapshot {
        ModelSnapshot(model: model, kind: kind, version: version, stamp: stamp, text: text)
    }
}

/// The catalog extended by onboarded items, its embeddings, and the model's scorer over it.
public struct TextCatalog: Sendable {
    public let catalog: OnboardedCatalog
    public let scorer: OnboardedScorer
    public let newUsers: NewUserRecommender

    init(catalog: OnboardedCatalog, model: any RecallModel, itemCounts: [Int]) {
        self.catalog = catalog
        scorer = OnboardedScorer(model: model, catalog: catalog, itemCounts: itemCounts)
        newUsers = NewUserRecommender(catalog: catalog, scorer: scorer, itemCounts: itemCounts)
    }
}

/// What identifies one version of a file on disk without reading it.
struct FileStamp: Sendable, Equatable {
    var modified: Date
    var size: Int
    var inode: Int

    static func of(_ path: String) -> FileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date,
              let size = (attributes[.size] as? NSNumber)?.intValue else { return nil }
        return FileStamp(modified: modified, size: size, inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? 0)
    }
}
