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
    /// Catalog indices of films named as another person's, not chosen for ("the kids adored
    /// Aladdin"): neither liked nor steered toward, and never listed back (a stranger's list had
    /// Aladdin in it, the film passed over without a word).
    public var theirs: [Int32] = []
    /// Catalog indices of the films said seen ("seen heat already", "not star wars, seen it a
    /// million times"): never listed back, as in the chat.
    public var seen: [Int32] = []
    /// The words to search by (embed): the request without the films it names and the
    /// phrases turning genres away; nil when nothing else is asked ("i loved heat").
    public var searchWords: String?
    /// The whole reading, for what it could not act on (`notes`).
    public var understanding = TurnUnderstanding()
    /// The genres a mood this catalog cannot meet is searched by instead, said after its note.
    var lean = ""
    /// Wishes no item here meets ("a western" on a catalog of books): said, and let go.
    var unmeetable: [String] = []
    /// Moods turned away that nothing in this catalog marks ("nothing violent" on ml-100k).
    var unknowable: [String] = []
    /// Genre groups asked for together that no film here has together ("a horror western"):
    /// the list takes any of them, and says so.
    var apart: [Set<String>] = []
    /// The wishes that are catalog tags: met by tags alone, as in the chat (`SessionRecommender.meets`).
    var tagWishes: Set<String> = []

    public init() {}

    /// What the words asked that cannot be acted on, in the chat's words: names the catalog
    /// lacks, names that may mean several films, moods and exclusions no tag here tells, cast
    /// and running times. Nothing of a request is passed over in silence.
    /// - Parameter title: a catalog index's title as people say it.
    public func notes(title: (Int32) -> String) -> [String] {
        let ambiguous = understanding.mentions.filter { $0.items.count > 1 }.map { ReadingNotes.ambiguous($0.text, $0.items, title: title) }
        // Another person's film is said to be taken as theirs, as the chat says it.
        let others = understanding.mentions.filter { $0.contextOnly && $0.items.count == 1 && $0.holder != nil }.map {
            ConversationEngine.theirs($0.feeling, title($0.items[0]), holder: $0.holder!, contextOnly: true)
        }
        return ambiguous + others + (unknowable.isEmpty ? [] : [ReadingNotes.unknowable(unknowable)])
            + (apart.isEmpty ? [] : [ReadingNotes.apart(apart)])
            + ReadingNotes.notes(of: understanding, title: title, lean: lean)
            + (unmeetable.isEmpty ? [] : [ReadingNotes.unmeetable(unmeetable, names: understanding.names)])
    }

    /// How the words were read, in one line: the films they name and the constraints they set
    /// ("liked Heat (1995); not Seven (1995); from 1970"), "none" when nothing. A request naming
    /// films had been said to be understood as "none" while its list came from them.
    /// - Parameter title: a catalog index's title as people say it.
    public func summary(title: (Int32) -> String) -> String {
        let films = liked.map { "liked \(title($0))" } + steering.map { "like \(title($0))" } + disliked.map { "not \(title($0))" }
            + seen.map { "seen \(title($0))" }
        let parts = films + constraints.parts
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }

    /// The films a list leaves out beside those it starts from: turned away, seen, or another person's.
    public var leftOut: Set<Int32> { Set(disliked + seen + theirs) }

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

    /// `scores` (one per item) with the moods asked for counted as the chat counts them
    /// (`SessionRecommender.moodBonus`): a film that meets one leads the films near the top
    /// ("something feel-good" reorders the list, as in the chat). Unchanged with no mood asked.
    /// - Parameter item: the item at an index of `scores`.
    public func reordered(_ scores: [Float], item: (Int32) -> Item) -> [Float] {
        let wishes = constraints.wishes
        let finite = scores.filter(\.isFinite)
        guard !wishes.isEmpty, let top = finite.max(), let bottom = finite.min() else { return scores }
        let near = Set(scores.withUnsafeBufferPointer { TopK.select(SessionRecommender.moodPool(itemCount: scores.count), from: $0) }.map(\.item))
        return scores.indices.map { index in
            let candidate = Int32(index)
            let met = wishes.filter { SessionRecommender.meets(item(candidate), wish: $0, byTagOnly: tagWishes.contains($0)) }.count
            // On the chat's scale, the best at 1 and the least at 0: a new user's mixed scores are
            // z-scores, where dividing by the best alone left a film that meets the mood, below the
            // mean, under films that do not ("something cheerful" listed none of the cheerful ones).
            guard scores[index].isFinite else { return scores[index] }  // left out stays left out
            let base = top > bottom ? (scores[index] - bottom) / (top - bottom) : 0
            return met == 0 ? base : base + SessionRecommender.moodBonus(met: met, near: near.contains(candidate), weight: 2)
        }
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
            reading.lean = ReadingNotes.lean(leans)
        }
        reading.constraints.apply(understanding, correcting: false)
        reading.tagWishes = Set(reading.constraints.wishes.filter(catalogTags.contains))
        // Genres asked for together that no film here has together: any of them, said so.
        let groups = reading.constraints.genreGroups
        if groups.count > 1, !genreSets.contains(where: { genres in groups.allSatisfy { !$0.isDisjoint(with: genres) } }) {
            reading.apart = groups
            (reading.constraints.includeGenres, reading.constraints.heldGenres) = (Set(groups.joined()), [])
        }
        // A mood turned away that no tag holds (`SessionRecommender.meets`) on a catalog without
        // descriptions: nothing marks it.
        reading.unknowable = reading.constraints.avoided.filter { mood in
            let words = TextNormalizer.tokens(mood)
            return !catalogHasText && !catalogTags.contains { Vocabulary.contains([words], in: TextNormalizer.tokens($0)) }
        }
        reading.constraints.avoided.removeAll(where: reading.unknowable.contains)
        // A film said new to the user ("never seen heat") is neither a film to go by nor one to leave out.
        for mention in understanding.mentions where mention.items.count == 1 && !mention.unseen {
            if mention.contextOnly {
                if !reading.theirs.contains(mention.items[0]) { reading.theirs.append(mention.items[0]) }
                continue
            }
            switch mention.feeling {
            case .liked where mention.stated: reading.liked.append(mention.items[0])
            case .liked: reading.steering.append(mention.items[0])
            case .disliked: reading.disliked.append(mention.items[0])
            case .seen: reading.seen.append(mention.items[0])
            }
        }
        reading.unmeetable = reading.constraints.wishes.filter { !isMet($0) }
        reading.constraints.wishes.removeAll(where: reading.unmeetable.contains)
        return reading
    }
}
