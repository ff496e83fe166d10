import CuratorCore

extension ConversationEngine {
    /// The answer to a question about one film (`FilmQuestions`), from what the catalog knows
    /// of it: no like is marked and nothing is listed, for nothing was asked to be (a stranger's
    /// "what year is casablanca?" had listed Casablanca first, from the question's words).
    /// A name several films share is answered for each.
    func answer(_ question: FilmQuestions.Asked) -> ChatReply {
        let lines = question.items.prefix(3).map { answer(question.kind, about: $0) }
        let people = question.kind == .people ? ReadingNotes.people + " " : ""
        let followUp = question.items.count == 1
            ? "Tell me if you liked it, or ask for films like it."
            : "Tell me which one you mean (its year will do), and whether you liked it."
        return ChatReply(message: people + lines.joined(separator: " "), followUp: followUp)
    }

    private func answer(_ kind: FilmQuestions.Kind, about item: Int32) -> String {
        let film = catalog[Int(item)]
        let name = film.spokenDisplayTitle
        // "Casablanca is a romantic drama from 1942.": its genres and year, as reasons say them.
        let facts = explainer.explain(candidate: item, anchor: nil, fromSignal: false).sentence
        let genres = film.genres.isEmpty ? "no genre" : film.genres.spokenList
        switch kind {
        case .year:
            return film.year.map { "\(Item.spoken(film.title)) came out in \($0)." } ?? "This catalog gives no year for \(name)."
        case .genre:
            return film.genres.isEmpty ? "This catalog gives no genre for \(name)." : "\(facts) Its genres here: \(genres)."
        case .isGenre(let asked):
            let has = asked.intersection(film.genres), missing = asked.subtracting(film.genres)
            let said = "\(name) is listed here as \(genres)"
            if missing.isEmpty { return "Yes: \(said)." }
            return has.isEmpty ? "No: \(said), not \(missing.sorted().joined(separator: " or "))." : "Partly: \(said), not \(missing.sorted().spokenList)."
        case .opinion:
            return "\(facts) " + opinion(of: item, name: name)
        case .people:
            return facts
        case .about:
            return film.text.isEmpty ? "This catalog has no description of \(name): \(facts)" : "\(name): \(film.text)"
        case .here:
            return "Yes, \(name) is here. \(facts)"
        }
    }

    /// How the people in the data took to a film: how many rated (or watched) it and how they
    /// rated it, with its place among the most watched. Whether the user will like it is not claimed.
    private func opinion(of item: Int32, name: String) -> String {
        let counts = recommender.popularity.counts
        let watched = Int(counts[Int(item)])
        guard watched > 0 else { return "Nobody in this data has watched it yet, so I can't say how it is liked." }
        let rank = counts.filter { $0 > counts[Int(item)] }.count + 1
        let place = "the \(Self.ordinal(rank)) most watched of the \(catalog.count) films here"
        if let rated = ratings?.of(item) {
            let scale = Int(ratings!.scale)
            let mean = (rated.mean * 10).rounded() / 10
            let share = Int((rated.highShare * 100).rounded())
            return "\(rated.count) \(rated.count == 1 ? "person" : "people") here rated it, \(mean) out of \(scale) on average, and \(share)% gave it \(scale - 1) or \(scale); it is \(place)."
        }
        return "\(watched) \(watched == 1 ? "person" : "people") here watched it: \(place). This data has no ratings, so I can't say how they liked it."
    }
}

extension ConversationEngine {
    /// "Which of these is the funniest?": the films of the last list that have the genres or
    /// meet the moods asked about, from the catalog, with no constraint kept and the list as it was.
    func whichShown(_ understanding: TurnUnderstanding, in session: ChatSession) -> ChatReply {
        let genres = understanding.includeGenres, wishes = understanding.wishes
        let shown = session.lastShown.compactMap { id in items.index(of: id).map { (id, catalog[Int($0)]) } }
        let asked = (genres.sorted() + wishes.map { "“\($0)”" }).spokenList
        guard !genres.isEmpty || !wishes.isEmpty else {
            return ChatReply(message: "I can tell which of these are of a genre or a mood this catalog marks (a comedy, “dark”), not more than that.",
                             followUp: "Ask for one of those, or tell me which one you like.")
        }
        let fit = shown.filter { _, item in
            (genres.isEmpty || !genres.isDisjoint(with: item.genres)) && wishes.allSatisfy { recommender.meets(item, wish: $0) }
        }
        guard !fit.isEmpty else {
            return ChatReply(message: "None of these is listed as \(asked).", followUp: "Say so if you want a list of those instead.")
        }
        let places = fit.map { id, item in "\(item.spokenDisplayTitle) (number \(session.lastShown.firstIndex(of: id)! + 1))" }
        let verb = fit.count == 1 ? "is" : "are"
        let rank = fit.count > 1 ? "; I can't rank them by how much" : ""
        return ChatReply(message: "Of these, \(places.spokenList) \(verb) listed as \(asked)\(rank).",
                         followUp: "Tell me which one you like, or ask for more like it.")
    }
}
