import CuratorCore
import CuratorLLM
import CuratorLLMStage
import Foundation

/// Reads a chat turn with the LLM under a JSON schema (constrained decoding), then resolves
/// what it extracted against the catalog exactly as the rules do: titles through
/// `TitleMatcher`, genres only from the catalog's own list. Anything the user's words do not
/// support is dropped — a title none of whose words were typed, a year not written, a genre
/// not named — since a small model fills the schema with guesses. The result is merged with
/// the rules' reading, which wins where both speak.
public struct LLMTurnReader: Sendable {
    public let client: LLMClient
    public let prompts: PromptLibrary
    private let matcher: TitleMatcher
    private let genres: [String]
    /// The catalog's tags: the only moods kept (a wish no item can meet only clutters).
    private let tags: Set<String>
    private let sanitizer = PromptSanitizer()

    public static let template = "understand-turn"

    public init(client: LLMClient, prompts: PromptLibrary, catalog: [Item]) {
        self.client = client
        self.prompts = prompts
        matcher = TitleMatcher(catalog: catalog)
        genres = Array(Set(catalog.flatMap(\.genres))).sorted()
        tags = Set(catalog.flatMap(\.tags))
    }

    /// What the model extracted, shaped by the schema.
    struct Extraction: Decodable {
        var liked: [String]
        var disliked: [String]
        var seen: [String]
        var include_genres: [String]
        var exclude_genres: [String]
        var min_year: Int?
        var max_year: Int?
        var moods: [String]
    }

    /// The turn as the LLM reads it, resolved against the catalog.
    /// - Parameter budget: the turn's LLM deadline, shared with `LLMAssistant.refine` so the
    ///   whole turn has one (the call is cut when it passes, and skipped once the turn stopped
    ///   asking a failing server).
    /// - Throws: `LLMError` when the request fails, `TurnBudgetError` when the budget is spent,
    ///   `PromptError` when the template is missing, `DecodingError` when the answer does not fit the schema.
    public func read(_ text: String, budget: TurnBudget? = nil) async throws -> TurnUnderstanding {
        let rendered = try prompts.render(Self.template, [
            "request": sanitizer.sanitize(text), "genres": genres.joined(separator: ", "),
        ])
        let (client, options) = (self.client, GenerationOptions(
            maxTokens: 320, temperature: 0, seed: 0, responseFormat: .jsonSchema(name: Self.template, schema: schema)))
        let ask = { @Sendable in try await client.chat([.user(rendered.text)], options: options) }
        let answer: ChatCompletion
        if let budget { answer = try await budget.run(ask) } else { answer = try await ask() }
        do {
            return resolve(try JSONDecoder().decode(Extraction.self, from: Data(answer.text.utf8)), groundedIn: text)
        } catch {
            throw LLMTurnReaderError(answer: String(answer.text.prefix(200)), finishReason: answer.choices.first?.finishReason)
        }
    }

    func resolve(_ extraction: Extraction, groundedIn text: String) -> TurnUnderstanding {
        var understanding = TurnUnderstanding()
        let typed = Set(TextNormalizer.titleTokens(text))
        let typedStems = Set(typed.map(RuleInterpreter.stem))
        let named = { (genre: String) in
            let words = TextNormalizer.tokens(genre)
            return !words.isEmpty && words.allSatisfy { typed.contains($0) || typedStems.contains(RuleInterpreter.stem($0)) }
        }
        let feelings: [(ChatSession.Feeling, [String])] = [(.liked, extraction.liked), (.disliked, extraction.disliked), (.seen, extraction.seen)]
        for (feeling, titles) in feelings {
            for title in titles {
                // Only a whole-title match counts: the model's words are not the user's.
                guard let mention = matcher.mentions(in: title).first,
                      mention.text.count * 2 >= TextNormalizer.titleTokens(title).joined(separator: " ").count,
                      !Set(mention.text.split(separator: " ").map(String.init)).isDisjoint(with: typed)
                else { continue }
                understanding.mentions.append(.init(items: mention.items, feeling: feeling, text: mention.text))
            }
        }
        understanding.includeGenres = Set(extraction.include_genres.filter { genres.contains($0) && named($0) })
        understanding.excludeGenres = Set(extraction.exclude_genres.filter { genres.contains($0) && named($0) })
        understanding.includeGenres.subtract(understanding.excludeGenres)
        let written = { (year: Int?) in year.flatMap { typed.contains(String($0)) ? $0 : nil } }
        understanding.minYear = written(extraction.min_year)
        understanding.maxYear = written(extraction.max_year)
        understanding.wishes = extraction.moods.prefix(3).map { $0.lowercased() }
            .filter { tags.contains($0) && (typed.contains($0) || typedStems.contains(RuleInterpreter.stem($0))) }
        return understanding
    }

    private var schema: JSONValue {
        // Tight bounds keep the answer short enough for the token limit: a small model
        // otherwise fills every list to the brim.
        let titles: JSONValue = ["type": "array", "items": ["type": "string", "maxLength": 60], "maxItems": 3]
        let genreList: JSONValue = ["type": "array", "items": ["type": "string", "enum": .array(genres.map { .string($0) })], "maxItems": 3]
        let year: JSONValue = ["anyOf": [["type": "integer", "minimum": 1900, "maximum": 2100], ["type": "null"]]]
        return [
            "type": "object",
            "properties": [
                "liked": titles, "disliked": titles, "seen": titles,
                "include_genres": genreList, "exclude_genres": genreList,
                "min_year": year, "max_year": year,
                "moods": ["type": "array", "items": ["type": "string", "maxLength": 16], "maxItems": 2],
            ],
            "required": ["liked", "disliked", "seen", "include_genres", "exclude_genres", "min_year", "max_year", "moods"],
        ]
    }
}

extension TurnUnderstanding {
    /// This reading with `other`'s additions: mentions of items this one lacks, genres, years
    /// and wishes it leaves unset. This reading wins wherever both speak.
    public func merged(with other: TurnUnderstanding) -> TurnUnderstanding {
        var result = self
        // What the rules read as let go of is not asked for again by the model's reading.
        var other = other
        let lifted = lift.genres.union(lift.allowedGenres)
        other.includeGenres = lift.allGenres ? [] : other.includeGenres.subtracting(lifted)
        other.excludeGenres = lift.allGenres ? [] : other.excludeGenres.subtracting(lifted)
        if lift.years { (other.minYear, other.maxYear) = (nil, nil) }
        other.wishes.removeAll { lift.allWishes || lift.wishes.contains($0) }
        // A series the rules read as one to show is no film to go by either.
        let known = Set(mentions.flatMap(\.items) + seriesShown)
        for mention in other.mentions where known.isDisjoint(with: mention.items) { result.mentions.append(mention) }
        if result.includeGenres.isEmpty { result.includeGenres = other.includeGenres.subtracting(result.excludeGenres) }
        result.excludeGenres.formUnion(other.excludeGenres.subtracting(includeGenres))
        result.minYear = result.minYear ?? other.minYear
        result.maxYear = result.maxYear ?? other.maxYear
        for wish in other.wishes where !result.wishes.contains(wish) && result.wishes.count < 4 { result.wishes.append(wish) }
        return result
    }
}

/// The model's answer did not fit the schema (cut short by the token limit, most often).
public struct LLMTurnReaderError: Error, CustomStringConvertible, Sendable {
    public var answer: String
    public var finishReason: String?
    /// How the description starts (notes say this much, not the answer).
    static let lead = "the reading does not fit the schema"

    public var description: String {
        "\(Self.lead) (finish: \(finishReason ?? "?")): \(answer.debugDescription)"
    }
}
