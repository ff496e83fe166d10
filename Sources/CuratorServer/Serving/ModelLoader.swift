import CuratorColdStart
import CuratorCore
import CuratorRecall
import CuratorText
import Foundation
import Logging
import ServiceLifecycle

/// Loads the served model (fitting and saving one when there is none, with progress), the
/// catalog's embeddings and the onboarded items; then watches the model file and swaps in
/// each new version `curator train` writes, without a restart and without failing a request.
struct ModelLoader: Service {
    let service: RecommendationService
    let progress: any ProgressReporter
    let logger: Logger

    func run() async throws {
        await loadFirst()
        // Loaded (fitted, if none was saved, with every core): requests are the parallelism now.
        BLASThreads.keepToCallingThreads()
        // Returns (without an error) when the service group shuts down.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: service.configuration.modelCheckInterval)
                await checkForNewModel()
            }
        }
    }

    var modelPath: String { service.modelStore.path(for: service.configuration.modelKind) }

    func loadFirst() async {
        let kind = service.configuration.modelKind
        service.state.set(.loading("loading the \(kind) model"))
        do {
            let model = try service.modelStore.loadOrFit(kind, dataset: service.dataset, progress: progress) {
                service.state.set(.loading("fitting a \(kind) model (none saved for this dataset)"))
                logger.notice("no up-to-date model saved: fitting one", metadata: ["model": "\(kind)"])
            }
            let stamp = FileStamp.of(modelPath)
            let text = try await textCatalog(model: model)
            let version = Self.version(of: modelPath, kind: kind)
            service.state.install(ModelSnapshot(model: model, kind: kind, version: version, stamp: stamp, text: text))
            service.metrics.modelLoaded(kind: kind, version: version)
            logger.info("ready", metadata: ["model": "\(kind)", "version": "\(version)", "items": "\(text?.catalog.count ?? model.itemCount)"])
        } catch {
            service.rejectedStamp.withLock { $0 = FileStamp.of(modelPath) }
            service.state.set(.failed("cannot load the \(kind) model: \(error)"))
            logger.error("cannot load the model; waiting for a new model file", metadata: ["error": "\(error)"])
        }
    }

    /// The catalog with its onboarded items, embedded (cached in the state folder); nil without an embedder.
    func textCatalog(model: any RecallModel) async throws -> TextCatalog? {
        guard let embedder = service.embedder else { return nil }
        service.state.set(.loading("embedding the catalog with \(embedder.name)"))
        let texts = service.dataset.catalog.map(ItemText.text(for:))
        let embeddings = try await ItemEmbeddings.cached(texts, with: embedder, folder: service.configuration.datasetFolder).embeddings
        service.catalogEmbeddings.withLock { $0 = embeddings }
        let records = try await ItemOnboarding.records(in: service.onboardedStore, dataset: service.dataset, embedder: embedder).records
        return TextCatalog(catalog: try OnboardedCatalog(dataset: service.dataset, catalogEmbeddings: embeddings, records: records, itemCounts: service.itemCounts),
                           model: model, itemCounts: service.itemCounts)
    }

    /// Swaps in the model file when it changed since the current snapshot was loaded.
    func checkForNewModel() async {
        let stamp = FileStamp.of(modelPath)
        let current = service.state.snapshot
        guard let stamp, stamp != current?.stamp, stamp != service.rejectedStamp.withLock({ $0 }) else { return }
        let kind = service.configuration.modelKind
        do {
            let model = try service.modelStore.load(kind)
            let catalog = current?.text?.catalog
            let text: TextCatalog?
            if let catalog {
                text = TextCatalog(catalog: catalog, model: model, itemCounts: service.itemCounts)
            } else {
                text = try await textCatalog(model: model)
            }
            let version = Self.version(of: modelPath, kind: kind)
            service.state.install(ModelSnapshot(model: model, kind: kind, version: version, stamp: stamp, text: text))
            service.metrics.modelSwapped(kind: kind, version: version)
            logger.notice("swapped in a new model file", metadata: ["model": "\(kind)", "version": "\(version)"])
        } catch {
            service.rejectedStamp.withLock { $0 = stamp }
            logger.error("a new model file could not be loaded; still serving the previous one", metadata: ["error": "\(error)"])
        }
    }

    /// The kind and the checksum a model file ends with ("itemknn-3fa2c1d0").
    static func version(of path: String, kind: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return kind + "-unsaved" }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end >= 4 else { return kind + "-unsaved" }
        try? handle.seek(toOffset: end - 4)
        let crc = (try? handle.readToEnd()) ?? Data()
        return kind + "-" + crc.map { String(format: "%02x", $0) }.joined()
    }
}
