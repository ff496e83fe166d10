/// What the conversation has established so far. Items are kept by external id, so a saved
/// session still means the same films after the models are refitted.
public struct ChatSession: Sendable, Codable, Equatable {
    // The four lists below change only through `record` and `steer`, which keep them
    // consistent (a film in one feeling at a time; every liked film also steers).

    /// Liked items, in the order the user mentioned them: what a reason may say "because you
    /// liked" of, and what becomes a like in feedback.
    public private(set) var liked: [String] = []
    /// The films the list is built on, in the order named (sequence models read this order):
    /// every liked one, and those asked for more like of with no feeling said ("what about
    /// Titanic?", "more like the first one"), which steer the list but are not likes.
    public private(set) var steering: [String] = []
    public private(set) var disliked: [String] = []
    /// Items the user has seen, without saying whether they liked them.
    public private(set) var seen: [String] = []
    /// Films named as another person's, not choosing for them ("the kids adored Aladdin"):
    /// neither liked nor steered toward, and never listed back (a stranger's list had The Lion
    /// King the turn the kids were said to adore it).
    public var theirs: [String] = []
    public var constraints = Constraints()
    /// The last list shown, best first (what "the second" and "not that one" refer to).
    public var lastShown: [String] = []
    /// Everything shown in this conversation (what `/more` skips).
    public var shown: [String] = []
    /// Where each film of the last list came from when it was shown: what `/why N` explains.
    public var lastPlaces: [Place] = []
    /// The film the user picked by its place in the turn before ("the third one sounds good",
    /// `/like 3`), as it was when shown: what "that one" and a bare "why?" refer to next.
    public var picked: Place?
    /// Items a mention could mean, waiting for the user to pick one.
    public var pendingChoice: [String]?
    /// Whether the pending mention was a like, a dislike or a "seen".
    public var pendingFeeling: Feeling?
    /// Whether the pending question was asked a second time: a turn that still does not
    /// answer it then drops it and goes on (nil before, for sessions saved without it).
    public var pendingAskedAgain: Bool?
    /// Whether the pending mention was named with no feeling ("what about Scarface?"): the film
    /// chosen is one to find more like, not a like (nil: it was said).
    public var pendingUnstated: Bool?
    /// The last list was ranked with the films it is built on set aside ("something else
    /// entirely"): lists go on that way (`/more`, a narrowing) until a film is named or picked
    /// (nil: not set aside).
    public var steeringSetAside: Bool?
    public var turns: [Turn] = []
    /// What the last turn that changed the user's feelings or constraints changed them from,
    /// and what was said: what "undo", "scrap that", "forget what I just said" put back (nil:
    /// nothing to undo, or it was undone).
    public var undo: Undo?

    public init() {}

    /// What the session holds of the user: the films liked, steered toward, turned away, seen
    /// or another's, and the constraints. What a turn changes, and an undo puts back.
    public struct Held: Sendable, Codable, Equatable {
        public var liked: [String], steering: [String], disliked: [String], seen: [String], theirs: [String]
        public var constraints: Constraints
    }

    /// A turn that can be undone: what the session held before it, and its words.
    public struct Undo: Sendable, Codable, Equatable {
        public var held: Held
        public var turn: String

        public init(held: Held, turn: String) {
            self.held = held
            self.turn = turn
        }
    }

    /// The feelings and constraints held now.
    public var held: Held {
        Held(liked: liked, steering: steering, disliked: disliked, seen: seen, theirs: theirs, constraints: constraints)
    }

    /// Puts back feelings and constraints held before; the lists shown and the turns stay.
    public mutating func restore(_ held: Held) {
        (liked, steering, disliked, seen, theirs, constraints) = (held.liked, held.steering, held.disliked, held.seen, held.theirs, held.constraints)
    }

    public enum Feeling: String, Sendable, Codable { case liked, disliked, seen }

    /// Where a listed film came from, as it was when shown.
    public struct Place: Sendable, Codable, Equatable {
        public var id: String
        /// The reason shown with it.
        public var reason: String
        /// Its place in the list it was picked from (1-based), before the filters and moods.
        public var recallRank: Int
        /// Whether that list was the closest to the user's own words.
        public var fromWords: Bool
        /// The films that list was built on, in order (none: the words, or the most watched).
        public var films: [String]

        public init(id: String, reason: String, recallRank: Int, fromWords: Bool, films: [String]) {
            self.id = id
            self.reason = reason
            self.recallRank = recallRank
            self.fromWords = fromWords
            self.films = films
        }
    }

    public struct Turn: Sendable, Codable, Equatable {
        public var user: String
        public var reply: String

        public init(user: String, reply: String) {
            self.user = user
            self.reply = reply
        }
    }

    /// Records a feeling about an item; the latest feeling wins.
    public mutating func record(_ id: String, as feeling: Feeling) {
        forget(id)
        switch feeling {
        case .liked:
            liked.append(id)
            steering.append(id)
        case .disliked: disliked.append(id)
        case .seen: seen.append(id)
        }
    }

    /// Records a film to find more like, with no feeling said of it ("what about Titanic?",
    /// "more like the first one"): it steers the list as a liked one does, as the latest film
    /// named, and stays liked if it was.
    public mutating func steer(toward id: String) {
        let wasLiked = liked.contains(id)
        forget(id)
        if wasLiked { liked.append(id) }
        steering.append(id)
    }

    /// The films asked for more like of that are not liked, in the order named.
    public var moreLike: [String] { steering.filter { !liked.contains($0) } }

    private mutating func forget(_ id: String) {
        liked.removeAll { $0 == id }
        steering.removeAll { $0 == id }
        disliked.removeAll { $0 == id }
        seen.removeAll { $0 == id }
        // A film the user now says their own feeling of is no longer held as someone else's.
        theirs.removeAll { $0 == id }
    }

    /// Drops the pending "which one do you mean?".
    public mutating func clearPendingChoice() {
        (pendingChoice, pendingFeeling, pendingAskedAgain, pendingUnstated) = (nil, nil, nil, nil)
    }

    /// Items never to recommend again in this conversation.
    public var excluded: Set<String> { Set(steering + liked + disliked + seen + theirs) }
}

extension ChatSession {
    /// Reads sessions saved before `steering` existed too (their liked films steer the list).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        liked = try container.decodeIfPresent([String].self, forKey: .liked) ?? []
        steering = try container.decodeIfPresent([String].self, forKey: .steering) ?? liked
        disliked = try container.decodeIfPresent([String].self, forKey: .disliked) ?? []
        seen = try container.decodeIfPresent([String].self, forKey: .seen) ?? []
        theirs = try container.decodeIfPresent([String].self, forKey: .theirs) ?? []
        constraints = try container.decodeIfPresent(Constraints.self, forKey: .constraints) ?? Constraints()
        lastShown = try container.decodeIfPresent([String].self, forKey: .lastShown) ?? []
        shown = try container.decodeIfPresent([String].self, forKey: .shown) ?? []
        lastPlaces = try container.decodeIfPresent([Place].self, forKey: .lastPlaces) ?? []
        picked = try container.decodeIfPresent(Place.self, forKey: .picked)
        pendingChoice = try container.decodeIfPresent([String].self, forKey: .pendingChoice)
        pendingFeeling = try container.decodeIfPresent(Feeling.self, forKey: .pendingFeeling)
        pendingAskedAgain = try container.decodeIfPresent(Bool.self, forKey: .pendingAskedAgain)
        pendingUnstated = try container.decodeIfPresent(Bool.self, forKey: .pendingUnstated)
        steeringSetAside = try container.decodeIfPresent(Bool.self, forKey: .steeringSetAside)
        turns = try container.decodeIfPresent([Turn].self, forKey: .turns) ?? []
        undo = try container.decodeIfPresent(Undo.self, forKey: .undo)
    }
}

/// Hard filters and soft wishes gathered from the conversation.
public struct Constraints: Sendable, Codable, Equatable {
    /// At least one of these genres (empty: any): the genres the latest turn that named
    /// any asked for ("a comedy or a drama").
    public var includeGenres: Set<String> = []
    /// Genres asked for in earlier turns that still hold, each group "at least one of":
    /// "it's a comedy", then "something romantic too" wants a film that is both.
    public var heldGenres: [Set<String>] = []
    public var excludeGenres: Set<String> = []
    public var minYear: Int?
    public var maxYear: Int?
    /// Years turned away in the middle of the range ("anything but the 1980s"): films from
    /// them are left out, films before and after them kept.
    public var excludedYears: [ClosedRange<Int>] = []
    /// Moods and themes ("dark", "twist ending"), matched against tags and text.
    public var wishes: [String] = []
    /// Moods and themes turned away ("nothing violent"): a film that meets one is left out.
    public var avoided: [String] = []

    public init() {}

    public var isEmpty: Bool {
        includeGenres.isEmpty && heldGenres.isEmpty && excludeGenres.isEmpty && minYear == nil && maxYear == nil && excludedYears.isEmpty
            && wishes.isEmpty && avoided.isEmpty
    }

    /// One line for `/constraints` and replies: "no Horror; from 1990; dark".
    public var summary: String { parts.isEmpty ? "none" : parts.joined(separator: "; ") }

    /// Each constraint in words: "Horror or Comedy", "no Horror", "from 1990", "dark".
    public var parts: [String] {
        var parts: [String] = []
        for genres in heldGenres + [includeGenres] where !genres.isEmpty { parts.append(genres.sorted().joined(separator: " or ")) }
        if !excludeGenres.isEmpty { parts.append("no " + excludeGenres.sorted().joined(separator: ", no ")) }
        switch (minYear, maxYear) {
        // One year asked for ("between 1972 and 1972") is said as one, not "1972–1972".
        case let (min?, max?): parts.append(min == max ? "the year \(min)" : "\(min)–\(max)")
        case let (min?, nil): parts.append("from \(min)")
        case let (nil, max?): parts.append("up to \(max)")
        default: break
        }
        parts.append(contentsOf: excludedYears.map { "not from " + Self.spoken($0) })
        parts.append(contentsOf: wishes)
        // Only films marked so (by a tag, or the word in a description) are known to be.
        parts.append(contentsOf: avoided.map { "not marked \($0)" })
        return parts
    }

    /// "the 1980s" for a whole decade, "1987–1989" for other years, "1995" for one.
    static func spoken(_ years: ClosedRange<Int>) -> String {
        if years.lowerBound % 10 == 0, years.count == 10 { return "the \(years.lowerBound)s" }
        return years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
    }

    /// Every genre group the constraints ask for: each one must be met.
    public var genreGroups: [Set<String>] { (heldGenres + [includeGenres]).filter { !$0.isEmpty } }

    /// Applies a turn's constraints. A correction replaces each kind of constraint it names
    /// (genres, the year range, moods) and keeps the others: "actually something from the
    /// 70s" after "a comedy from the 90s" is a 70s comedy. A mood replaces its opposite.
    public mutating func apply(_ u: TurnUnderstanding, correcting: Bool) {
        lift(u.lift)
        // Genres asked for together in one turn ("a funny horror film") are each held, as
        // genres asked in turn after turn are.
        let groups = u.genreGroups.count > 1 && Set(u.genreGroups.joined()) == u.includeGenres ? u.genreGroups : [u.includeGenres]
        ask(genres: groups[0], excluding: u.excludeGenres, replacing: correcting)
        for group in groups.dropFirst() { ask(genres: group, excluding: [], replacing: false) }
        if correcting && (u.minYear != nil || u.maxYear != nil || !u.excludedYears.isEmpty) { (minYear, maxYear, excludedYears) = (nil, nil, []) }
        if correcting && !u.wishes.isEmpty { wishes = [] }
        if let min = u.minYear { minYear = min }
        if let max = u.maxYear { maxYear = max }
        // A new bound that contradicts an older one replaces it ("from the 80s", then "something older").
        if let min = minYear, let max = maxYear, min > max { if u.maxYear == nil { maxYear = nil } else { minYear = u.minYear } }
        // One turn's bounds that cross ("modern classics": from 1983, up to 1978) keep the lower one.
        if let min = minYear, let max = maxYear, min > max { maxYear = nil }
        // Years asked for now are no longer turned away ("not the 80s", then "ok, the 80s then").
        if u.minYear != nil || u.maxYear != nil { subtractFromExcluded((minYear ?? Int.min)...(maxYear ?? Int.max), unlessWider: true) }
        for years in u.excludedYears where !excludedYears.contains(years) { excludedYears.append(years) }
        // A mood at the other end of an axis replaces the one asked before ("lighter", then "darker").
        wishes.removeAll { old in u.wishes.contains { Vocabulary.opposes($0, old) } }
        for wish in u.wishes where !wishes.contains(wish) { wishes.append(wish) }
        // The latest word wins between asking for a mood and turning it away.
        avoided.removeAll(where: u.wishes.contains)
        wishes.removeAll(where: u.avoidedWishes.contains)
        for tag in u.avoidedWishes where !avoided.contains(tag) { avoided.append(tag) }
    }

    /// Lets go of what a turn lifts: dropped genres leave every group and the exclusions,
    /// allowed ones only the exclusions; the year range or wishes go when named.
    public mutating func lift(_ lift: TurnUnderstanding.Lift) {
        if lift.allGenres {
            (includeGenres, heldGenres, excludeGenres) = ([], [], [])
        }
        includeGenres.subtract(lift.genres)
        heldGenres = heldGenres.map { $0.subtracting(lift.genres) }.filter { !$0.isEmpty }
        excludeGenres.subtract(lift.genres.union(lift.allowedGenres))
        if lift.years { (minYear, maxYear, excludedYears) = (nil, nil, []) }
        // Widened to hold the years allowed; with no range asked, there is nothing to widen.
        if let allowed = lift.allowedYears {
            if let min = minYear { minYear = Swift.min(min, allowed.lowerBound) }
            if let max = maxYear { maxYear = Swift.max(max, allowed.upperBound) }
            // "the 80s are fine after all": no longer turned away.
            subtractFromExcluded(allowed, unlessWider: false)
        }
        wishes.removeAll { lift.allWishes || lift.wishes.contains($0) }
        avoided.removeAll { lift.allWishes || lift.wishes.contains($0) || lift.allowedWishes.contains($0) }
    }

    /// Takes `years` out of the years turned away. With `unlessWider`, only when `years` lie
    /// inside one of them (a range asked for that the exclusion would empty); a wider range
    /// asked for ("from 1970") keeps the exclusion inside it.
    mutating func subtractFromExcluded(_ years: ClosedRange<Int>, unlessWider: Bool) {
        excludedYears = excludedYears.flatMap { span -> [ClosedRange<Int>] in
            guard span.overlaps(years), !unlessWider || (span.lowerBound <= years.lowerBound && years.upperBound <= span.upperBound) else { return [span] }
            var left: [ClosedRange<Int>] = []
            if span.lowerBound < years.lowerBound { left.append(span.lowerBound...(years.lowerBound - 1)) }
            if years.upperBound < span.upperBound { left.append((years.upperBound + 1)...span.upperBound) }
            return left
        }
    }

    /// Adds the genres a new turn asks for. They join the ones asked for before ("a comedy",
    /// then "romantic": both), unless the turn corrects itself ("actually a drama"), which
    /// replaces them. Excluded genres leave every group; a genre excluded before and asked
    /// for now is no longer excluded.
    public mutating func ask(genres: Set<String>, excluding excluded: Set<String>, replacing: Bool) {
        // The latest word wins: a genre turned away before and asked for now is wanted again.
        let wanted = genres.subtracting(excluded)
        excludeGenres.subtract(wanted)
        excludeGenres.formUnion(excluded)
        if !wanted.isEmpty {
            if replacing {
                heldGenres = []
            } else if !includeGenres.isEmpty && !wanted.isSubset(of: includeGenres) && !heldGenres.contains(includeGenres) {
                // A narrower group ("comedy or drama", then "drama") only replaces the wider one.
                heldGenres.append(includeGenres)
            }
            includeGenres = wanted
        }
        includeGenres.subtract(excludeGenres)
        // A group that any wanted genre already meets says nothing more.
        heldGenres = heldGenres.map { $0.subtracting(excludeGenres) }
            .filter { !$0.isEmpty && (includeGenres.isEmpty || !$0.isSuperset(of: includeGenres)) }
    }
}

extension Constraints {
    /// Reads sessions saved before `heldGenres`, `avoided` and `excludedYears` existed, too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        includeGenres = try container.decodeIfPresent(Set<String>.self, forKey: .includeGenres) ?? []
        heldGenres = try container.decodeIfPresent([Set<String>].self, forKey: .heldGenres) ?? []
        excludeGenres = try container.decodeIfPresent(Set<String>.self, forKey: .excludeGenres) ?? []
        minYear = try container.decodeIfPresent(Int.self, forKey: .minYear)
        maxYear = try container.decodeIfPresent(Int.self, forKey: .maxYear)
        excludedYears = try container.decodeIfPresent([ClosedRange<Int>].self, forKey: .excludedYears) ?? []
        wishes = try container.decodeIfPresent([String].self, forKey: .wishes) ?? []
        avoided = try container.decodeIfPresent([String].self, forKey: .avoided) ?? []
    }
}
