import CuratorCore
import CuratorLLMStage
import CuratorRecall

/// The conversation, pure and testable: a turn of text and a session in, the updated session
/// and a reply out. The terminal, the LLM and storage live elsewhere.
public struct ConversationEngine: Sendable {
    public let catalog: [Item]
    public let items: IDMap
    public let interpreter: RuleInterpreter
    public let recommender: SessionRecommender
    /// The reasons' writer, each description read once for all turns.
    let explainer: GroundedExplainer
    /// How many items a reply lists.
    public var listSize = 5
    /// How many candidates a reply carries for an LLM stage to rerank (at least `listSize`).
    public var candidatePool = 10
    /// The deepest recall rank at which a reason may say "viewers who liked X often liked Y":
    /// the model's first pages of films for the liked ones. Below it the tie is weak, and
    /// the reasons say so.
    public var strongRecall = 50
    /// How the people in the data rated each film, when its interactions are ratings: what a
    /// question about a film is answered with (nil: only how many watched it).
    public var ratings: FilmRatings?

    /// `strongRecall`, and at most a twentieth of the catalog (10 at least): 47th of 242 films
    /// is no "often" (a trial counted 1 of Heat's 10 fans liking the film said so).
    public var strongRecallDepth: Int { min(strongRecall, max(10, catalog.count / 20)) }

    public init(recommender: SessionRecommender) {
        self.catalog = recommender.catalog
        self.items = recommender.items
        self.interpreter = RuleInterpreter(catalog: recommender.catalog, popularity: recommender.popularity.counts)
        self.recommender = recommender
        explainer = GroundedExplainer(catalog: recommender.catalog)
    }

    /// Answers one turn of free text, read by the rules.
    public func respond(to text: String, in session: inout ChatSession) -> ChatReply {
        respond(to: text, understood: interpreter.interpret(text, after: session.turns.suffix(3).map(\.user)), in: &session)
    }

    /// Answers one turn whose reading is given (the rules' merged with an LLM's, say).
    /// `startingScores` rank items while nothing is liked (a new user's words, embedded).
    public func respond(
        to text: String, understood understanding: TurnUnderstanding, in session: inout ChatSession, startingScores: [Float]? = nil
    ) -> ChatReply {
        // What the turn changes of the feelings and constraints can be taken back ("scrap that").
        let held = session.held
        // A turn that changes nothing leaves nothing to take back: "scrap that" after a question
        // must not undo the like said the turn before it.
        defer { session.undo = session.held != held ? .init(held: held, turn: text) : nil }
        if let position = understanding.asksWhy {
            // "why that one?" after "the third one sounds good": the film picked, not the new list's first.
            let picked = understanding.placeUnsaid ? session.picked : nil
            let reply = ChatReply(message: picked.map { why($0) } ?? why(position: position, in: session))
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        if let question = understanding.filmQuestion {
            // The rest of the turn, when it says more ("i loved heat, is fargo any good?"), is
            // answered as ever, the answer said after what it noted.
            var rest = understanding
            (rest.filmQuestion, rest.asksAboutPeople) = (nil, false)
            let answered = answer(question)
            guard !rest.isEmpty else {
                session.turns.append(.init(user: text, reply: answered.plainText))
                return answered
            }
            var reply = respond(to: text, understood: rest, in: &session, startingScores: startingScores)
            reply.message += (reply.message.isEmpty ? "" : " ") + answered.message
            if !session.turns.isEmpty { session.turns[session.turns.count - 1].reply = reply.plainText }
            return reply
        }
        if !understanding.seriesShown.isEmpty, understanding.mentions.isEmpty, understanding.reactions.isEmpty {
            let reply = series(understanding.seriesShown, in: &session)
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        if let position = understanding.choosesToWatch, let id = shown(at: position, in: session) {
            // The film chosen steers what comes next, as a place chosen does; it is no like yet.
            session.steer(toward: id)
            let reply = ChatReply(message: "Enjoy \(title(of: id))!",
                                  followUp: "Tell me afterwards how it was, or ask for more whenever you like.")
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        if understanding.asksWhichShown, !session.lastShown.isEmpty {
            let reply = whichShown(understanding, in: session)
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        if understanding.closes {
            let reply = ChatReply(message: "Glad to help. Enjoy!", followUp: "Whenever you want more, tell me something you liked or what you're in the mood for.")
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        var noted: [String] = []
        var question: String?

        var understanding = understanding
        if let pending = session.pendingChoice {
            if let chosen = resolve(pending, with: understanding) ?? resolve(pending, byAge: text) {
                // "i meant the new one": the word picked the film, and asks no years of the list.
                if understanding.choice == nil, understanding.mentions.isEmpty, resolve(pending, byAge: text) != nil {
                    (understanding.minYear, understanding.maxYear) = (nil, nil)
                }
                // The place answers the question, not the last list ("which one: …?" "the second").
                if understanding.mentions.isEmpty { understanding.reactions.removeAll { $0 == .moreLike(position: understanding.choice ?? 0) } }
                if session.pendingUnstated == true {
                    session.steer(toward: chosen)
                    noted.append(moreLike([chosen]))
                } else {
                    session.record(chosen, as: session.pendingFeeling ?? .liked)
                    noted.append(describe(session.pendingFeeling ?? .liked, [chosen]))
                }
                session.clearPendingChoice()
            } else if understanding.mentions.isEmpty && session.pendingAskedAgain != true {
                // Asked once more, then let go: the conversation goes on with what the turn says.
                question = choiceQuestion(pending)
                session.pendingAskedAgain = true
            } else {
                session.clearPendingChoice()
            }
        }
        var recorded: [ChatSession.Feeling: [String]] = [:]
        // Films named with no feeling ("what about Titanic?"): more like them, never "you liked".
        var asked: [String] = []
        // Another person's feelings (`Feelings.holders`): for them, or context only, said so.
        var others: [String] = []
        // Another person's feeling of a film the user said their own of: said after the user's.
        var besideYours: [String] = []
        for mention in understanding.mentions {
            let ids = mention.items.map { items.id(at: $0) }
            // Said not to be seen yet ("never seen casablanca"): nothing recorded, so it may come up
            // (`ReadingNotes` says so).
            if mention.unseen { continue }
            let unstated = mention.feeling == .liked && !mention.stated
            if let holder = mention.holder, ids.count == 1 {
                let alsoYours = mention.contextOnly && understanding.mentions.contains { $0.holder == nil && $0.items == mention.items }
                // Their film with "anything like that?" steers, as when choosing for them.
                let contextOnly = mention.contextOnly && !(understanding.asksLikeThem && mention.feeling == .liked && !alsoYours)
                let said = Self.theirs(mention.feeling, title(of: ids[0]), holder: holder, contextOnly: contextOnly, alsoYours: alsoYours)
                if alsoYours { besideYours.append(said) } else { others.append(said) }
                if contextOnly {
                    // Theirs is no list's: they know it (unless the user said a feeling of their own).
                    if !alsoYours, !session.excluded.contains(ids[0]) { session.theirs.append(ids[0]) }
                    continue
                }
                if mention.feeling == .liked { session.steer(toward: ids[0]) } else { session.record(ids[0], as: mention.feeling) }
            } else if ids.count == 1 {
                if unstated { session.steer(toward: ids[0]); asked.append(ids[0]) } else {
                    session.record(ids[0], as: mention.feeling)
                    recorded[mention.feeling, default: []].append(ids[0])
                }
            } else {
                session.pendingChoice = ids
                session.pendingFeeling = mention.feeling
                session.pendingAskedAgain = nil
                session.pendingUnstated = unstated ? true : nil
                question = choiceQuestion(ids)
            }
        }
        // A listed film by its place: liked or turned away as `/like N` and `/dislike N` do,
        // or more like it with no feeling said ("more like the second"). "Not that one" right
        // after a pick is the film picked.
        let referent = understanding.placeUnsaid ? session.picked?.id : nil
        var picks: [ChatSession.Place] = []
        for reaction in understanding.reactions {
            if let referent, case .reject = reaction {
                session.record(referent, as: .disliked)
                recorded[.disliked, default: []].append(referent)
                continue
            }
            if let referent, case .seen = reaction {
                session.record(referent, as: .seen)
                recorded[.seen, default: []].append(referent)
                continue
            }
            if understanding.onlyPicked, case .reject = reaction { continue }
            switch reaction {
            case .like, .moreLike:
                if let id = shown(at: reaction.position, in: session), let place = session.lastPlaces.first(where: { $0.id == id }) { picks.append(place) }
            case .reject, .seen: break
            }
            if shown(at: reaction.position, in: session) == nil {
                // A place said beside a film before any list: a film of its series this catalog does not have.
                noted.append(session.lastShown.isEmpty && !understanding.mentions.isEmpty
                    ? "I can't tell which film \"the \(reaction.position < 0 ? "last" : Self.ordinal(reaction.position))\" is: I know no series of the film you named here, and I haven't suggested anything yet."
                    : Self.noItem(at: reaction.position, in: session))
            }
            switch reaction {
            case .reject(let position):
                if let id = shown(at: position, in: session) { session.record(id, as: .disliked); recorded[.disliked, default: []].append(id) }
            case .like(let position):
                if let id = shown(at: position, in: session) { session.record(id, as: .liked); recorded[.liked, default: []].append(id) }
            case .moreLike(let position):
                if let id = shown(at: position, in: session) { session.steer(toward: id); asked.append(id) }
            case .seen(let position):
                if let id = shown(at: position, in: session) { session.record(id, as: .seen); recorded[.seen, default: []].append(id) }
            }
        }
        // "i've seen all of those": each film of the last list, as "seen the first two" marks two.
        if understanding.seesAllShown {
            for id in session.lastShown where !session.seen.contains(id) {
                session.record(id, as: .seen)
                recorded[.seen, default: []].append(id)
            }
        }
        // One film picked by its place is what "that one" means next turn.
        session.picked = picks.count == 1 ? picks[0] : nil
        // A film named or picked to go by steers the lists again after "something else entirely".
        if !asked.isEmpty || recorded[.liked] != nil { session.steeringSetAside = nil }
        noted += others
        if !asked.isEmpty { noted.append(moreLike(asked)) }
        for feeling in [ChatSession.Feeling.liked, .disliked, .seen] {
            if let ids = recorded[feeling] { noted.append(describe(feeling, ids)) }
        }
        noted += besideYours
        let before = session.constraints
        session.constraints.apply(understanding, correcting: Self.corrects(text))
        // A wish no film here meets (a mood no tag or description has, a name no description
        // mentions) is said and let go, not carried as a filter every later list fails.
        let unmeetable = session.constraints.wishes.filter { wish in
            !before.wishes.contains(wish) && !catalog.contains { recommender.meets($0, wish: wish) }
        }
        if !unmeetable.isEmpty {
            session.constraints.wishes.removeAll(where: unmeetable.contains)
            noted.append(ReadingNotes.unmeetable(unmeetable, names: understanding.names))
        }
        // Likewise a mood turned away that no film here is known to have: nothing can be left out for it.
        let unknowable = session.constraints.avoided.filter { tag in
            !before.avoided.contains(tag) && !catalog.contains { SessionRecommender.meets($0, wish: tag) }
        }
        if !unknowable.isEmpty {
            session.constraints.avoided.removeAll(where: unknowable.contains)
            noted.append(ReadingNotes.unknowable(unknowable))
        }
        // A widening drops nothing ("the 50s are fine too": 1940–1959, not "Dropped: 1940–1949").
        var dropping = understanding.lift
        dropping.allowedYears = nil
        if session.constraints != before { noted.append(Self.change(from: before, to: session.constraints, lifting: !dropping.isEmpty)) }
        // What the turn asked that this catalog cannot act on is said, not passed over.
        let leans = Set(interpreter.moodLeans(understanding).flatMap(\.genres)).sorted()
        // Only a list started from the words leans that way (`searchWords`); liked films outweigh it.
        let lean = startingScores == nil ? "" : ReadingNotes.lean(leans)
        noted += ReadingNotes.notes(of: understanding, title: { title(of: items.id(at: $0)) }, lean: lean)
        // Nothing else asked: the note alone, and the last list stays (a new one would pretend
        // the studio, the language or the person had been taken into account).
        if understanding.asksAboutPeople || !understanding.unsearchable.isEmpty || !understanding.studios.isEmpty || understanding.asksLanguage {
            var rest = understanding
            (rest.asksAboutPeople, rest.unsearchable, rest.studios, rest.asksLanguage) = (false, [], [], false)
            rest.missingTitles = []
            if rest.isEmpty && question == nil {
                let reply = ChatReply(message: noted.joined(separator: " "), followUp: understanding.asksAboutPeople
                    ? "Name a film they're in that you liked, and I'll find ones like it."
                    : understanding.unsearchable.isEmpty ? "Tell me a film you liked, or a genre, decade or mood, and I'll go by that."
                    : "Name a film you liked that has it, and I'll find ones like it.")
                session.turns.append(.init(user: text, reply: reply.plainText))
                return reply
            }
        }
        // A session that knows films but has shown nothing yet (one seeded with a user's
        // history) answers an open "what should I watch?" with its list.
        let firstListFromHistory = session.lastShown.isEmpty && !session.steering.isEmpty
        // Names the catalog lacks are said (above) but give nothing to list from.
        var wanted = understanding
        wanted.missingTitles = []
        // A count and nothing else ("just three", "give me 3 options"): the next list, that long.
        wanted.listSize = nil
        if let size = understanding.listSize, wanted.isEmpty, question == nil, noted.isEmpty {
            // "just two", "only three" after a list: its best ones, not new ones ("five more",
            // "give me 3 options" go on).
            if !session.lastShown.isEmpty, TextNormalizer.tokens(text).contains(where: { ["just", "only"].contains($0) }) {
                let last = session.lastShown
                var reply = recommend(&session, message: "", skipping: Set(session.shown).subtracting(last),
                                      startingScores: startingScores, size: size, settingAside: setsAside(session))
                // The last list again, as it was ("just one" after "just one" listed the same
                // film twice): the best ones not shown yet instead, when any fits.
                if reply.entries.map(\.id) == last {
                    var fresh = session
                    let next = recommend(&fresh, message: "", skipping: Set(session.shown), startingScores: startingScores, size: size,
                                         settingAside: setsAside(session))
                    if !next.entries.isEmpty { (reply, session) = (next, fresh) }
                }
                if !reply.entries.isEmpty { reply.message = "The best \(size == 1 ? "one" : "\(size)") of what fits:" }
                session.turns.append(.init(user: text, reply: reply.plainText))
                return reply
            }
            let reply = more(&session, startingScores: startingScores, size: size)
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        if wanted.isEmpty && understanding.listSize == nil && question == nil && (startingScores == nil || !session.steering.isEmpty) && !firstListFromHistory {
            let greeted = !TextNormalizer.tokens(text).isEmpty && TextNormalizer.tokens(text).allSatisfy(Vocabulary.greetings.contains)
            // A film the catalog lacks was caught, and said above: no "I didn't catch" after it.
            let opening = greeted ? "Hello! " : understanding.missingTitles.isEmpty ? "I didn't catch a film or a preference there. " : ""
            let reply = ChatReply(message: noted.joined(separator: " "), followUp: opening
                + "Tell me a film you liked, or what you're in the mood for (a genre, a decade, a mood like \"darker\").")
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        if question != nil && understanding.mentions.allSatisfy({ $0.items.count > 1 }) && noted.isEmpty {
            let reply = ChatReply(message: "", followUp: question)
            session.turns.append(.init(user: text, reply: reply.plainText))
            return reply
        }
        // A turn that only narrows the list ("anything but the 80s", "just two") keeps the last
        // list's films that still fit: nothing said turned them away (a trial lost a good list
        // of Heat-like films to "anything but the 80s", none of them from the 80s).
        let narrows = understanding.mentions.isEmpty && understanding.reactions.isEmpty && !understanding.passedOver
            && understanding.wishes.isEmpty && (session.constraints != before || understanding.listSize != nil)
        let skipping = narrows ? Set(session.shown).subtracting(session.lastShown) : Set(session.shown)
        // "Something else entirely": away from the films the list was built on, said so (a
        // trial's kept steering by the liked film under "More along the same lines").
        let settingAside = (understanding.changesCourse || session.steeringSetAside == true) && !session.steering.isEmpty
        session.steeringSetAside = settingAside ? true : nil
        let (lastShown, lastPlaces) = (session.lastShown, session.lastPlaces)
        var reply = recommend(&session, message: noted.joined(separator: " "), skipping: skipping, startingScores: startingScores,
                              size: understanding.listSize, settingAside: settingAside)
        // A narrowing that keeps only films of the last list, fewer than a list holds: nothing
        // new fits, which is said, as `/more` says it, rather than listing them again (a trial's
        // one-film lists repeated the film shown the turn before). The last list stays.
        if narrows, !reply.entries.isEmpty, reply.entries.count < (understanding.listSize ?? listSize),
           reply.entries.allSatisfy({ lastShown.contains($0.id) }) {
            (session.lastShown, session.lastPlaces) = (lastShown, lastPlaces)
            let fit = Self.fitBefore(reply.entries.map(\.spokenTitle))
            reply = ChatReply(message: reply.message + (reply.message.isEmpty ? "" : " ") + "\(Self.nothingNew) fits all of that (\(session.constraints.summary)). \(fit)",
                              followUp: "Pick one of those, or loosen something for more.")
        }
        // Its header only over a list: with none, what fits nothing is said alone.
        if understanding.changesCourse, settingAside, !reply.entries.isEmpty {
            reply.message = "Something different, not built on \(session.steering.map { title(of: $0) }.spokenList):" + (reply.message.isEmpty ? "" : " " + reply.message)
        }
        if question != nil { reply.followUp = question }
        else if session.steering.isEmpty && reply.followUp == nil {
            if startingScores != nil { reply.notes.append("picked from your words; likes will tune them") }
            reply.followUp = "Tell me a film you loved, and I'll tune these to your taste."
        }
        session.turns.append(.init(user: text, reply: reply.plainText))
        return reply
    }

    /// The next items for the same session, skipping everything already shown.
    /// - Parameter startingScores: the user's words, embedded, while no film steers the list.
    /// Its header says what the list is: along the same lines, or the closest left when it
    /// leaves out part of what was asked (then what it leaves out follows).
    /// - Parameter size: how many items (nil: `listSize`).
    public func more(_ session: inout ChatSession, startingScores: [Float]? = nil, size: Int? = nil) -> ChatReply {
        session.picked = nil
        let first = session.shown.isEmpty
        var reply = recommend(&session, message: "", skipping: Set(session.shown), startingScores: startingScores, size: size,
                              settingAside: setsAside(session))
        guard !reply.entries.isEmpty else { return reply }
        // Nothing was shown before: there are no lines to go along.
        if first {
            reply.message = "Nothing suggested yet, so to start with:" + (reply.message.isEmpty ? "" : " \(reply.message)")
            return reply
        }
        let wishes = session.constraints.wishes
        let exact = reply.message.isEmpty && reply.entries.allSatisfy { entry in wishes.allSatisfy(entry.wishesMet.contains) }
        reply.message = exact ? "More along the same lines:" : "More, the closest left to what you asked:" + (reply.message.isEmpty ? "" : " \(reply.message)")
        return reply
    }

    /// Whether the session's lists go on with the films they are built on set aside ("something
    /// else entirely" said, and no film named or picked since).
    func setsAside(_ session: ChatSession) -> Bool {
        session.steeringSetAside == true && !session.steering.isEmpty
    }

    /// How a list says the films it may still show are spent: what is left is only what was shown.
    static let nothingNew = "Nothing I haven't shown you"

    /// "Of those shown before, Fight Club (1999) fits “dark”.": films shown before that fit,
    /// named where a list cannot show them again.
    /// - Parameter what: what they fit, when not all that was asked.
    static func fitBefore(_ titles: [String], what: String? = nil) -> String {
        "Of those shown before, \(titles.spokenList) \(titles.count == 1 ? "fits" : "fit")\(what.map { " \($0)" } ?? "")."
    }

    /// The films of a series asked to be shown ("give me all the Godfather films"), as they
    /// are, oldest first: the last list, so places and `/why` refer to them; none is liked,
    /// seen or steered toward.
    func series(_ films: [Int32], in session: inout ChatSession) -> ChatReply {
        // By year across every series asked for (two named at once were listed one after the other).
        let films = films.enumerated().sorted { a, b in
            let (x, y) = (catalog[Int(a.element)].year ?? .max, catalog[Int(b.element)].year ?? .max)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        let entries = films.enumerated().map { position, index in
            let item = catalog[Int(index)]
            return ChatReply.Entry(
                position: position + 1, id: item.id, title: item.title, year: item.year, genres: item.genres,
                reason: (films.count == 1 ? "The only one here: " : "The \(Self.ordinal(position + 1)) of \(films.count) by year here: ") + explainer.explain(candidate: index, anchor: nil, fromSignal: false).sentence,
                anchorID: nil, score: 0, recallRank: position + 1)
        }
        let lead = films.count == 1 ? "This catalog has one film of that series:" : "This catalog's \(films.count) films of that series, oldest first:"
        let example = films.count == 1 ? "more like the first" : "more like the second"
        var reply = ChatReply(message: lead, entries: entries, followUp: "Tell me which you liked, or say \"\(example)\".")
        reply.candidates = entries
        session.picked = nil
        remember(entries, in: &session)
        return reply
    }

    /// What is said of a place the last list does not have ("the second one" before any list).
    static func noItem(at position: Int, in session: ChatSession) -> String {
        session.lastShown.isEmpty ? "I haven't suggested anything yet: tell me a film you liked, or what you're in the mood for."
            : position < 0 ? "The last list has \(session.lastShown.count) items: there is no \(-position) from its end."
            : "There is no item \(position) in the last list (it has \(session.lastShown.count))."
    }

    /// Records a like or dislike of the item at `position` of the last list, then answers again.
    /// - Parameter startingScores: the user's words, embedded, while no film steers the list.
    public func react(_ feeling: ChatSession.Feeling, position: Int, in session: inout ChatSession, startingScores: [Float]? = nil) -> ChatReply {
        guard let id = shown(at: position, in: session) else { return ChatReply(message: Self.noItem(at: position, in: session)) }
        let before = session.held
        defer { if session.held != before { session.undo = .init(held: before, turn: "/\(feeling == .liked ? "like" : "dislike") \(position)") } }
        session.picked = feeling == .liked ? session.lastPlaces.first { $0.id == id } : nil
        session.record(id, as: feeling)
        if feeling == .liked { session.steeringSetAside = nil }
        return recommend(&session, message: describe(feeling, [id]), skipping: Set(session.shown), startingScores: startingScores,
                         settingAside: setsAside(session))
    }

    /// Why the item at `position` of the last list is there: from what the list was built on
    /// when it was shown (the user's words, the films named, or the most watched).
    public func why(position: Int, in session: ChatSession) -> String {
        guard let id = shown(at: position, in: session), let index = items.index(of: id) else { return Self.noItem(at: position, in: session) }
        if let place = session.lastPlaces.first(where: { $0.id == id }) { return why(place) }
        // A session saved before lists kept where their films came from: rank again.
        let ranked = recommender.rank(session, count: 50).first { $0.item == index }
        var lines = ["\(title(of: id)): " + (ranked.map { reason(for: $0, in: session) } ?? "it ranked there earlier in this conversation.")]
        if let ranked {
            lines.append(Self.whereItCameFrom(recallRank: ranked.recallRank, fromWords: ranked.fromWords,
                                              named: session.steering.map { title(of: $0) }, strongRecall: strongRecallDepth))
        }
        let item = catalog[Int(index)]
        if !item.text.isEmpty { lines.append(item.text) }
        return lines.joined(separator: "\n")
    }

    /// Why a film was listed, as it was when shown: its reason, where it came from, its description.
    func why(_ place: ChatSession.Place) -> String {
        var lines = ["\(title(of: place.id)): \(place.reason)", Self.whereItCameFrom(
            recallRank: place.recallRank, fromWords: place.fromWords, named: place.films.map { title(of: $0) }, strongRecall: strongRecallDepth)]
        if let index = items.index(of: place.id), !catalog[Int(index)].text.isEmpty { lines.append(catalog[Int(index)].text) }
        return lines.joined(separator: "\n")
    }

    /// Where a listed film came from, in a user's words: its place among the films that
    /// viewers of the films the list is built on also watched (or among the most watched, or
    /// the closest to the user's words), before the filters and moods of the conversation
    /// reordered them.
    /// - Parameter named: the films the list is built on (liked, or asked for more like of).
    static func whereItCameFrom(recallRank: Int, fromWords: Bool, named: [String], strongRecall: Int) -> String {
        let place = ordinal(recallRank)
        if fromWords { return "It was the \(place) closest match to your own words, before your filters and moods." }
        guard !named.isEmpty else { return "It is the \(place) most watched film here, leaving out the films you named." }
        // Not "you named": a session may start from a user's history, which nobody typed.
        let films = named.count <= 2 ? named.joined(separator: " and ") : "the \(named.count) films this list was built on"
        if recallRank > strongRecall {
            return "Among the films that people who liked \(films) also watched, it came only \(place): a weak tie, which your filters and moods brought up."
        }
        return "Among the films that people who liked \(films) also watched, it came \(place), before your filters and moods."
    }

    /// "1st", "2nd", "3rd", "11th", "22nd".
    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// The next list. A list the user has seen and passed over (answered without taking any
    /// of it up: "none of those", a new wish) is not shown again, so every answer skips what
    /// the session has shown.
    /// - Parameter size: how many items the turn asked for (nil: `listSize`).
    /// - Parameter settingAside: rank away from the films the list is built on: they are held
    ///   as turned away, so what resembles them goes down (they stay left out, as before).
    private func recommend(
        _ session: inout ChatSession, message: String, skipping: Set<String>, startingScores: [Float]? = nil, size: Int? = nil, settingAside: Bool = false
    ) -> ChatReply {
        var message = message
        let size = size ?? listSize
        var base = session
        if settingAside { for id in session.steering { base.record(id, as: .disliked) } }
        var ranked = recommender.rank(base, count: max(size, candidatePool), skipping: skipping, startingScores: startingScores)
        // The session whose constraints the list meets: each item's reason says what it fits
        // from these, as the header does.
        var ranking = base
        if ranked.isEmpty && !session.constraints.heldGenres.isEmpty {
            // No film is of every genre asked for: the latest ask wins over the earlier ones.
            var latest = base
            latest.constraints.heldGenres = []
            ranked = recommender.rank(latest, count: max(size, candidatePool), skipping: skipping, startingScores: startingScores)
            if !ranked.isEmpty {
                let earlier = session.constraints.heldGenres.map { $0.sorted().joined(separator: " or ") }.joined(separator: ", ")
                message += (message.isEmpty ? "" : " ") + "Nothing new is also \(earlier): these are \(latest.constraints.summary)."
                ranking = latest
            }
        }
        guard !ranked.isEmpty else {
            // Years the catalog does not reach are said as such ("newer than 2000" on a catalog
            // ending in 1998), and films shown before that fit are named, not hidden.
            let years = catalog.compactMap(\.year)
            if let newest = years.max(), let oldest = years.min(),
               (session.constraints.minYear.map { $0 > newest } ?? false) || (session.constraints.maxYear.map { $0 < oldest } ?? false) {
                return ChatReply(message: message, followUp: "This catalog's films are from \(oldest) to \(newest), so none fits “\(session.constraints.summary)”. Loosen the years, or /reset to start over.")
            }
            let shownBefore = skipping.isEmpty ? [] : recommender.rank(base, count: 3, skipping: [], startingScores: startingScores).map { title(of: items.id(at: $0.item)) }
            let what = skipping.isEmpty ? "Nothing in the catalog fits" : Self.nothingNew + " fits"
            let again = shownBefore.isEmpty ? "" : " " + Self.fitBefore(shownBefore)
            return ChatReply(message: message, followUp: "\(what) all of that (\(session.constraints.summary)).\(again) Loosen something, or /reset to start over.")
        }
        let entries = ranked.enumerated().map { position, item in
            let entry = catalog[Int(item.item)]
            return ChatReply.Entry(
                position: position + 1, id: entry.id, title: entry.title, year: entry.year, genres: entry.genres,
                reason: reason(for: item, in: ranking), anchorID: item.anchor.map { items.id(at: $0) }, score: item.score, recallRank: item.recallRank,
                wishesMet: item.wishesMet, fromWords: item.fromWords, setAside: settingAside)
        }
        // Wishes are soft: when no film left meets them all, the list says which it leaves out
        // rather than let "Looking for: …" claim them.
        let listed = entries.prefix(size)
        let unmet = session.constraints.wishes.filter { wish in !listed.contains { $0.wishesMet.contains(wish) } }
        if !unmet.isEmpty {
            let left = unmet.map { "“\($0)”" }.spokenList
            let none = !recommender.anyLeft(meetingAll: session.constraints.wishes, in: ranking, skipping: skipping)
            // Films shown before that fit what these leave out: the wish was met, by films left
            // out only as shown (a trial's "No film left fits every wish: these leave out “dark”"
            // came the turn after Fight Club, tagged dark, was shown). They are named, not blamed.
            let fit = recommender.shownBefore(meetingAll: unmet, in: ranking, among: session.shown.filter(skipping.contains))
                .prefix(3).map { title(of: $0) }
            let lead = fit.isEmpty ? "No film left" : Self.nothingNew
            message += (message.isEmpty ? "" : " ") + (none ? "\(lead) fits every wish: these leave out \(left)." : "These leave out \(left).")
            if !fit.isEmpty { message += " " + Self.fitBefore(fit, what: left) }
        }
        // A wish some of the list meets and some does not: which do.
        let partly = session.constraints.wishes.filter { !unmet.contains($0) }.compactMap { wish in
            let fit = listed.filter { $0.wishesMet.contains(wish) }
            return fit.count < listed.count ? "only \(fit.map(\.spokenTitle).spokenList) \(fit.count == 1 ? "fits" : "fit") “\(wish)”" : nil
        }
        if !partly.isEmpty { message += (message.isEmpty ? "" : " ") + "Of these, \(partly.joined(separator: "; "))." }
        var reply = ChatReply(message: message, entries: Array(listed))
        reply.candidates = entries
        remember(reply.entries, in: &session)
        return reply
    }

    /// Records what a list showed, so "the second" and `/more` refer to it.
    public func remember(_ entries: [ChatReply.Entry], in session: inout ChatSession) {
        session.lastShown = entries.map(\.id)
        let films = session.steering
        session.lastPlaces = entries.map {
            ChatSession.Place(id: $0.id, reason: $0.reason, recallRank: $0.recallRank, fromWords: $0.fromWords, films: $0.fromWords || $0.setAside ? [] : films)
        }
        for id in session.lastShown where !session.shown.contains(id) { session.shown.append(id) }
    }

    /// The grounded reason of a ranked item: its anchor, what the two films share, the wishes it meets.
    /// It says viewers of the anchor often go on to the film only when the recall model put it
    /// near the top (`strongRecall`); further down, filters and moods brought it up.
    /// A film asked for more like of, not liked, is named as such ("More like Titanic, as you asked").
    /// A film near none of those the list is built on is there for the filters: its reason says so.
    private func reason(for ranked: SessionRecommender.Ranked, in session: ChatSession) -> String {
        // Viewers are claimed only of films that have some: an item onboarded after training
        // (placed by its text) had been "people who enjoyed The Lighthouse Keeper's Heist tend
        // to pick Memento as well", of a film nobody has watched.
        let watched = { (index: Int32) in self.recommender.popularity.counts[Int(index)] > 0 }
        let explanation = explainer.explain(
            candidate: ranked.item, anchor: ranked.anchor,
            fromSignal: ranked.recallRank <= strongRecallDepth && watched(ranked.item) && ranked.anchor.map(watched) != false,
            wishes: ranked.wishesMet, fromWords: ranked.fromWords,
            anchorAsked: ranked.anchor.map { !session.liked.contains(items.id(at: $0)) } ?? false,
            genresAsked: session.constraints.genreGroups.reduce(into: Set<String>()) { $0.formUnion($1) })
        // Only the filters every listed film meets: a wish is said by the sentence where it is
        // met, and a mood turned away is not claimed of a film nothing marks either way.
        var filters = session.constraints
        filters.wishes = []
        filters.avoided = []
        guard ranked.anchor == nil, !ranked.fromWords, !filters.isEmpty else { return explanation.text }
        return "It fits what you asked for (\(filters.summary)): \(explanation.sentence)"
    }

    /// Whether `text` corrects an earlier ask rather than adding to it ("actually a drama",
    /// "on second thought, something older").
    static func corrects(_ text: String) -> Bool {
        Vocabulary.contains(Vocabulary.correctionCues, in: TextNormalizer.tokens(text))
    }

    /// What a turn changed in the constraints: what it let go of (when it lifted any), then
    /// what is in force ("Dropped: no Horror. Looking for: anything.").
    static func change(from before: Constraints, to after: Constraints, lifting: Bool) -> String {
        // Exclusions one by one: lifting one of two leaves the other in force.
        var exclusions = before
        exclusions.excludeGenres = []
        let dropped = exclusions.parts.filter { !after.parts.contains($0) }
            + before.excludeGenres.subtracting(after.excludeGenres).sorted().map { "no \($0)" }
        let lead = lifting && !dropped.isEmpty ? "Dropped: \(dropped.joined(separator: "; ")). " : ""
        return lead + "Looking for: \(after.isEmpty ? "anything" : after.summary)."
    }

    /// The pending item a year ("the 1983 one") or a position ("the second") picks.
    private func resolve(_ pending: [String], with u: TurnUnderstanding) -> String? {
        if let mention = u.mentions.first, mention.items.count == 1, pending.contains(items.id(at: mention.items[0])) {
            return items.id(at: mention.items[0])
        }
        guard let choice = u.choice else { return nil }
        if let byYear = pending.first(where: { catalog[Int(items.index(of: $0)!)].year == choice }) { return byYear }
        if choice >= 1 && choice <= pending.count { return pending[choice - 1] }
        return nil
    }

    /// The pending film an age word picks ("the new one", "the older one", "the original", "the
    /// remake"): the newest or the oldest of them. A stranger's "which dune do you mean lol, i
    /// meant the new one" had asked for films from 2010 on and the question again.
    private func resolve(_ pending: [String], byAge text: String) -> String? {
        // A short answer ("the new one", "i meant the original"), not a new wish ("actually show
        // me something new from the 80s").
        let said = TextNormalizer.tokens(text)
        guard said.count <= 6 else { return nil }
        let tokens = Set(said)
        let newest = !tokens.isDisjoint(with: ["new", "newer", "newest", "recent", "latest", "remake", "modern"])
        let oldest = !tokens.isDisjoint(with: ["old", "older", "oldest", "original", "classic", "first"])
        guard newest != oldest else { return nil }
        let dated = pending.compactMap { id in items.index(of: id).flatMap { catalog[Int($0)].year }.map { (id, $0) } }
        guard dated.count == pending.count, Set(dated.map(\.1)).count == dated.count else { return nil }
        return (newest ? dated.max { $0.1 < $1.1 } : dated.min { $0.1 < $1.1 })?.0
    }

    private func choiceQuestion(_ ids: [String]) -> String {
        "Which one do you mean: " + ids.map { title(of: $0) }.joined(separator: " or ") + "?"
    }

    private func shown(at position: Int, in session: ChatSession) -> String? {
        // From the end of the list when negative: -1 the last, -2 the one before it ("the last two").
        let index = position < 0 ? session.lastShown.count + position : position - 1
        return session.lastShown.indices.contains(index) ? session.lastShown[index] : nil
    }

    /// The film an item id stands for, as people say it ("The Fugitive (1993)"); the id when
    /// the catalog lacks it.
    public func title(of id: String) -> String {
        items.index(of: id).map { catalog[Int($0)].spokenDisplayTitle } ?? id
    }

    private func describe(_ feeling: ChatSession.Feeling, _ ids: [String]) -> String {
        let titles = ids.map { title(of: $0) }.spokenList
        switch feeling {
        case .liked: return "Noted: you liked \(titles)."
        case .disliked: return "Noted: not for you, \(titles)."
        case .seen: return "Noted: you've seen \(titles)."
        }
    }

    /// What is taken of another person's feeling about a film: for them ("For your wife: not
    /// Titanic (1997)."), or, when the turn does not choose for them, nothing of the user's own.
    /// - Parameter alsoYours: the user said a feeling of their own about the film in the same turn
    ///   ("I loved Heat but my wife hated it"): theirs is said beside it, as theirs.
    static func theirs(_ feeling: ChatSession.Feeling, _ title: String, holder: String, contextOnly: Bool, alsoYours: Bool = false) -> String {
        let possessive = ["her": "her", "him": "his", "them": "their"][holder] ?? holder + (holder.hasSuffix("s") ? "'" : "'s")
        if contextOnly, alsoYours {
            let subject = ["her": "she", "him": "he", "them": "they"][holder] ?? holder
            let verb = switch feeling {
            case .liked: "liked"
            case .disliked: "didn't like"
            // "your kids have seen": a plural holder, or "they".
            case .seen: subject == "they" || subject.hasSuffix("s") && !subject.hasSuffix("ss") ? "have seen" : "has seen"
            }
            return "\(subject.prefix(1).uppercased() + subject.dropFirst()) \(verb) \(title): that is \(possessive) view, not yours."
        }
        if contextOnly {
            return "\(title) is taken as \(possessive) film, not a like or dislike of yours (if you're choosing for \(holder), say so)."
        }
        switch feeling {
        case .liked: return "For \(holder): more like \(title)."
        case .disliked: return "For \(holder): not \(title)."
        case .seen: return "For \(holder): \(title) is seen, left out."
        }
    }

    /// "More like Titanic (1997), then.": films to find more like, with no feeling said of them.
    private func moreLike(_ ids: [String]) -> String {
        "More like \(ids.map { title(of: $0) }.spokenList), then."
    }

}
