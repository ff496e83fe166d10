/// What a reply says of the parts of a turn the reader could not act on: one wording for the
/// chat (`ConversationEngine`) and for a request in words (`RequestReading.notes`).
public enum ReadingNotes {
    /// The notes of a reading, in the order the chat says them.
    /// - Parameters:
    ///   - title: a catalog index's title as people say it ("Inception (2010)").
    ///   - lean: what follows the note on moods this catalog cannot meet (the genres the list leans to).
    static func notes(of understanding: TurnUnderstanding, title: (Int32) -> String, lean: String = "") -> [String] {
        var notes: [String] = []
        // Films said not to be seen yet ("never seen casablanca"): nothing is taken of them, and
        // the reply says they may still be suggested (it had said "you've seen").
        var unseen: [String: [Int32]] = [:]
        for mention in understanding.mentions where mention.unseen && mention.items.count == 1 {
            if unseen[mention.holder ?? "you", default: []].contains(mention.items[0]) { continue }
            unseen[mention.holder ?? "you", default: []].append(mention.items[0])
        }
        for (who, films) in unseen.sorted(by: { $0.key > $1.key }) {
            notes.append("Noted: \(films.map(title).spokenList) \(films.count == 1 ? "is" : "are") new to \(who), so \(films.count == 1 ? "it" : "they") may come up.")
        }
        if !understanding.unreadExclusions.isEmpty { notes.append(unreadExclusions(understanding.unreadExclusions)) }
        if !understanding.unsearchable.isEmpty { notes.append(unsearchable(understanding.unsearchable)) }
        if !understanding.lessOf.isEmpty { notes.append(lessOf(understanding.lessOf)) }
        if understanding.asksRunningTime { notes.append(runningTime) }
        if let said = understanding.colourByYears {
            notes.append("No film here is marked \(said == "colour" ? "in colour" : "black and white"): I went by release year instead, so a few may not be.")
        }
        for missing in understanding.missingTitles { notes.append(self.missing(missing, title: title)) }
        if !understanding.notForChildren.isEmpty { notes.append(notForChildren(understanding.notForChildren)) }
        if !understanding.unmatchedWishes.isEmpty { notes.append(unmatched(understanding.unmatchedWishes, lean: lean)) }
        if understanding.asksAboutPeople { notes.append(people) }
        if !understanding.studios.isEmpty { notes.append(studios(understanding.studios)) }
        if understanding.asksLanguage { notes.append(language) }
        return notes
    }

    /// Words turned away that no genre, mood or tag here names.
    static func unreadExclusions(_ words: [String]) -> String {
        "I can't leave out \(words.map { "“\($0)”" }.spokenList): no genre, mood or tag in this catalog says which films have \(words.count == 1 ? "it" : "them")."
    }

    /// Words after "with" a catalog of titles, years and genres cannot look for.
    static func unsearchable(_ words: [String]) -> String {
        "I can't look for \(words.map { "“\($0)”" }.spokenList) here: this catalog has titles, years and genres, not cast, crew, tags or descriptions."
    }

    /// Wishes no film here meets (a mood no tag or description has, a genre the catalog lacks,
    /// a name no description mentions): said and let go.
    /// - Parameter names: the people the turn named, whom no catalog here lists as cast.
    static func unmeetable(_ wishes: [String], names: [String]) -> String {
        let cast = wishes.contains(where: names.contains) ? " (this catalog lists no cast or crew, only what descriptions say)" : ""
        return "No film here has \(wishes.map { "“\($0)”" }.spokenList) in its tags or description\(cast), so \(wishes.count == 1 ? "that wish is" : "those wishes are") left out."
    }

    /// Moods turned away that no tag or description here marks: nothing can be left out for them.
    static func unknowable(_ moods: [String]) -> String {
        "I can't tell which films here are \(moods.map { "“\($0)”" }.spokenList): no tag or description says so, so none is left out for that."
    }

    /// Genres asked for less of: a list can leave a genre out, not hold less of it.
    static func lessOf(_ genres: [String]) -> String {
        let names = genres.map { $0.lowercased() }
        return "A list can leave \(names.joined(separator: " or ")) out but not hold less of it: say \"no \(names[0])\" for that."
    }

    static let runningTime = "I can't tell running times here: this catalog has no lengths, so that wish is not applied."

    static let people = "I don't know who acts in or directs films: this catalog has titles, years and genres, not cast or crew."

    /// Studios no tag here marks.
    static func studios(_ studios: [String]) -> String {
        "I don't know which studio made which film: this catalog has no studios, so \(studios.map { "“\($0)”" }.spokenList) \(studios.count == 1 ? "was" : "were") not applied."
    }

    /// A film's language, which no catalog here tells.
    static let language = "I can't tell which films are in another language, subtitled, or from which country: this catalog has no languages or countries, so that was not applied."

    /// A name the catalog lacks, or a film of a series referred to by its place ("the sequel").
    static func missing(_ missing: TitleMatcher.Missing, title: (Int32) -> String) -> String {
        if missing.position != nil {
            return "I don't know which film \"\(missing.text)\" is in this catalog, so what you said of it is left out."
        }
        let nearest = missing.nearest.first.map { " (it has \(title($0)): name it if you meant that one)" } ?? ""
        return "I couldn't find \"\(missing.text)\" in this catalog\(nearest)."
    }

    /// Genre words not for the child named, read as a mood among children's films.
    static func notForChildren(_ words: [String]) -> String {
        "Horror is not for a child that age: I looked for \(words.map { "“\($0)”" }.spokenList) among children's films instead."
    }

    /// Genres asked for together that no film here has together.
    static func apart(_ groups: [Set<String>]) -> String {
        "No film here is \(groups.map { $0.sorted().joined(separator: " or ") }.joined(separator: " and ")) at once, so these are any of them."
    }

    /// Moods a catalog with no tags or descriptions cannot meet.
    /// What follows `unmatched` when the words were searched by genres in a mood's place. It
    /// says what was searched, not what the list is: the other wishes of the turn may outweigh
    /// it ("a funny heist movie from the 60s": comedies of the 60s, hardly one of them crime,
    /// under "the list leans to caper and crime").
    static func lean(_ genres: [String]) -> String {
        genres.isEmpty ? "" : "; I searched by \(genres.spokenList) instead, a lean rather than a filter"
    }

    static func unmatched(_ moods: [String], lean: String) -> String {
        "I can't apply \(moods.map { "\"\($0)\"" }.joined(separator: ", ")) here: this catalog has no tags or descriptions to match moods against\(lean)."
    }

    /// A name that may mean several films, in a request that cannot ask which.
    static func ambiguous(_ text: String, _ items: [Int32], title: (Int32) -> String) -> String {
        "\"\(text)\" may mean \(items.map(title).joined(separator: " or ")), so none of them was used: add the year to pick one."
    }
}
