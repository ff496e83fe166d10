import CuratorCore

/// What a one-off request in words asks, read by the chat's rules: the hard constraints it
/// sets ("nothing scary" turns horror away, "from the 90s" bounds the years) and the films it
/// names. Text embeddings do not negate ("nothing scary" lies close to horror), so a
/// recommender answering words alone (`POST /v1/recommendations` with a text) filters by this
/// reading as the chat does.
public struct RequestReading: Sendable, Equatable {
    /// Genres asked for or turned away, and the year range.
    public var constraints = Constraints()
    /// Catalog indices of the films said to be liked ("I loved Heat").
    public var liked: [Int32] = []
    /// Catalog indices of films named with no feeling ("something like Heat").
    public var steering: [Int32] = []
    /// Catalog indices of the films turned away ("not Titanic", "hated Grease").
    public var disliked: [Int32] = []
    /// The words to search by (embed): the request without the films it names and the
    /// phrases turning genres away; nil when nothing else is asked ("i loved heat").
    public var searchWords: String?
    /// The whole reading, for what it could not act on (`notes`).
    public var understanding = TurnUnderstanding()
    /// The genres a mood this catalog cannot meet is searched by instead, said after its note.
    var lean = ""
    /// Moods turned away that nothing in this catalog marks ("nothing violent" on ml-100k).
    var unknowable: [String] = []

    public init() {}

    /// What the words asked that cannot be acted on, in the chat's words: names the catalog
    /// lacks, names that may mean several films, moods and exclusions no tag here tells, cast
    /// and running times. Nothing of a request is passed over in silence.
    /// - Parameter title: a catalog index's title as people say it.
    public func notes(title: (Int32) -> String) -> [String] {
        let ambiguous = understanding.mentions.filter { $0.items.count > 1 }.map { ReadingNotes.ambiguous($0.text, $0.items, title: title) }
        return ambiguous + (unknowable.isEmpty ? [] : [ReadingNotes.unknowable(unknowable)])
            + ReadingNotes.notes(of: understanding, title: title, lean: lean)
    }

    /// The films to start from: `given` (a history sent beside the words), then the ones the
    /// words name to find more like, each once.
    public func history(after given: [Int32]) -> [Int32] {
        var seen = Set(given)
        return given + (liked + steering).filter { seen.insert($0).inserted }
    }

    /// What to search by (embed): the search words; nil when the films, the filters or little
    /// words are all there is ("nothing scary" alone: embedded, it lies close to horror and to
    /// every title with "scary" in it; "anything" found Everything Everywhere All at Once), so
    /// the caller lists the most watched that pass the filters; nil too when the words name
    /// films: as in the chat, whose words start a list only until a film is named ("i hated
    /// titanic, give me something like the godfather" searched "i hated, give me something
    /// like" and lost The Godfather).
    public func search() -> String? {
        liked.isEmpty && steering.isEmpty ? searchWords : nil
    }

    /// Whether `item` meets the hard constraints (the genres, the years and moods turned away;
    /// moods asked for are soft). An
    /// item with no genres (one onboarded with only a text) is not ruled out by genres asked
    /// for: nothing says it is not one, and its words placed it.
    public func admits(_ item: Item) -> Bool {
        guard item.genres.isEmpty else { return SessionRecommender.passes(item, constraints) }
        var known = constraints
        (known.includeGenres, known.heldGenres) = ([], [])
        return SessionRecommender.passes(item, known)
    }
}

extension RuleInterpreter {
    /// Reads a request as the first turn of a conversation would be read: the same rules, the
    /// same constraints. A name that may mean several films counts as none of them.
    public func reading(of request: String) -> RequestReading {
        let understanding = interpret(request)
        var reading = RequestReading()
        reading.searchWords = searchWords(in: request, reading: understanding)
        reading.understanding = understanding
        let leans = Set(moodLeans(understanding).flatMap(\.genres)).sorted()
        if reading.searchWords != nil, !leans.isEmpty, !understanding.mentions.contains(where: { $0.items.count == 1 && $0.feeling != .disliked }) {
            reading.lean = "; the list leans to \(leans.spokenList) instead"
        }
        reading.constraints.apply(understanding, correcting: false)
        // A mood turned away that no tag holds (`SessionRecommender.meets`) on a catalog without
        // descriptions: nothing marks it.
        reading.unknowable = reading.constraints.avoided.filter { mood in
            let words = TextNormalizer.tokens(mood)
            return !catalogHasText && !catalogTags.contains { Vocabulary.contains([words], in: TextNormalizer.tokens($0)) }
        }
        reading.constraints.avoided.removeAll(where: reading.unknowable.contains)
        for mention in understanding.mentions where mention.items.count == 1 && !mention.contextOnly {
            switch mention.feeling {
            case .liked where mention.stated: reading.liked.append(mention.items[0])
            case .liked: reading.steering.append(mention.items[0])
            case .disliked: reading.disliked.append(mention.items[0])
            case .seen: break
            }
        }
        return reading
    }
}
