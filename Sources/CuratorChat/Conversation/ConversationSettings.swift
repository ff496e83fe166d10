import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorRecall
import Foundation

/// How a conversation is put together, the one place for it: the recall model, the list's
/// size, and the LLM step's settings. `curator chat`, `bench chat` and the server's sessions
/// all build their `Conversation` here; each edge only finds the LLM client and the words start.
public struct ConversationSettings: Sendable {
    /// The recall model (nil: `chosenModel`).
    public var model: String?
    /// Items per answer.
    public var listSize = 5
    /// Candidates the LLM reranks each turn.
    public var candidates = 5
    public var strategy: RerankStrategy = .verbalizer
    public var reading: Conversation.Reading = .auto
    /// The rerank's say, 0 to 1 (nil: the calibration record, else 0).
    public var llmWeight: Double?
    /// Who writes explanations (nil: the calibration record, else grounded).
    public var explanations: ExplanationSource?
    /// One deadline for all the LLM work of a turn.
    public var deadline: Duration = .seconds(5)
    /// The prompt templates folder (nil: the package's prompts/). An executable fills it from
    /// its `--prompts` or its environment's `CURATOR_PROMPTS`.
    public var promptsFolder: String?

    public init() {}

    /// The chat's default recall model, the one the conversation benchmark chose on ml-100k's
    /// validation users (`curator eval --protocol conversation --phase validation --users 500`,
    /// success within 5 turns): sknn 0.660, ease (the earlier default) 0.618, with the same
    /// engine; 0.608 and 0.584 without its genre affinity. Session-kNN reads the last films named, the most recent weighing most, as a
    /// conversation gives them; its fit is an index of the interactions (no items × items
    /// matrix), so it serves any catalog size.
    public static let chosenModel = SessionKNNModel.kind

    /// The chat's recall model for a catalog of `itemCount` items when none is named.
    public static func defaultModel(itemCount: Int) -> String { chosenModel }

    /// The recall model in use for `dataset`: `model`, else the default for its catalog.
    public func recallModel(for dataset: Dataset) -> String {
        model ?? Self.defaultModel(itemCount: dataset.items.count)
    }

    /// The rules and recall half: the recall model from `models` (fitted and saved when none
    /// is stored), popularity, the list's size.
    /// - Throws: the model file's or the fit's error.
    public func engine(dataset: Dataset, models: ModelStore, progress: any ProgressReporter = SilentProgress()) throws -> (engine: ConversationEngine, recall: any RecallModel) {
        let recall = try recall(dataset: dataset, models: models, progress: progress)
        return (try engine(dataset: dataset, recall: recall), recall)
    }

    /// The recall model from `models` (fitted and saved when none is stored).
    /// - Throws: the model file's or the fit's error.
    public func recall(dataset: Dataset, models: ModelStore, progress: any ProgressReporter = SilentProgress()) throws -> any RecallModel {
        try models.loadOrFit(recallModel(for: dataset), dataset: dataset, progress: progress)
    }

    /// The rules and recall half over `dataset`'s catalog with `recall` scoring every item of
    /// it: the dataset itself, or the dataset with its onboarded items appended and a recall
    /// model that places them (the edges build that, as `recommend` does: the chat cannot see
    /// the cold-start module).
    public func engine(dataset: Dataset, recall: any RecallModel) throws -> ConversationEngine {
        precondition(recall.itemCount == dataset.catalog.count, "one recall score per catalog item")
        // Onboarded items have no interactions: popularity counts them at zero.
        let popularity = try PopularityModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        var engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        engine.listSize = listSize
        engine.candidatePool = candidates
        engine.ratings = FilmRatings(dataset)
        return engine
    }

    /// The LLM step through `client`: the calibration record of its endpoint and model decides
    /// the rerank's weight and the explanations, unless these settings name them.
    /// - Returns: the assistant, and a line saying what decided (nil when nothing did).
    /// - Throws: an unreadable calibration record, or prompt templates that cannot be found.
    public func assistant(client: LLMClient, dataset: Dataset, recall: any RecallModel, stateRoot: String) throws -> (assistant: LLMAssistant, notice: String?) {
        var configuration = LLMStageConfiguration()
        configuration.candidateCount = candidates
        configuration.deadline = deadline
        let key = CalibrationKey(configuration: client.configuration)
        configuration.apply(try CalibrationStore(stateRoot: stateRoot).record(for: key), key: key)
        configuration.strategy = strategy  // the chat's strategy (default verbalizer) stays in force
        if let llmWeight { configuration.llmWeight = llmWeight }
        if let explanations { configuration.explanations = explanations }
        let stage = LLMStage(client: client, prompts: try PromptLibrary.located(explicit: promptsFolder, environment: [:]), configuration: configuration)
        return (LLMAssistant(stage: stage, catalog: dataset.catalog, items: dataset.items, anchorModel: recall), configuration.deciderNotice)
    }
}
