import CuratorCore

extension SimulatedUser {
    /// A typed title: the words, which form they come from, whether a typo slipped in.
    struct Typed {
        var text: String
        var kind: SpokenTitle.Kind
        var typo: Bool
    }

    /// How often each form is chosen, when the title has it.
    static let formWeights: [SpokenTitle.Kind: Double] = [
        .full: 0.3, .withoutArticle: 0.25, .short: 0.15, .subtitle: 0.1, .alias: 0.1, .sequel: 0.2,
    ]

    /// One way to type `item`'s title that does not give the target away, with a seeded
    /// share of typos; nil when every form would leak (or the title has no usable form).
    static func type(
        _ item: Int32, _ world: SimulatorCatalog, _ guardian: LeakGuard, _ habits: Habits, _ rng: inout SeededGenerator
    ) -> Typed? {
        var forms = world.titles.forms[Int(item)].filter { !guardian.leaks($0.text) }
        guard !forms.isEmpty else { return nil }
        let total = forms.reduce(0) { $0 + (formWeights[$1.kind] ?? 0.1) }
        var roll = Double(rng.nextUnitFloat()) * total
        var chosen = forms[0]
        for form in forms {
            roll -= formWeights[form.kind] ?? 0.1
            if roll <= 0 { chosen = form; break }
        }
        forms.removeAll { $0 == chosen }
        if Double(rng.nextUnitFloat()) < habits.typoShare {
            for _ in 0..<5 {
                guard let misspelt = typo(chosen.text, &rng) else { break }
                if world.titles.items(named: misspelt).isEmpty && !guardian.leaks(misspelt) {
                    return Typed(text: misspelt, kind: chosen.kind, typo: true)
                }
            }
        }
        return Typed(text: chosen.text, kind: chosen.kind, typo: false)
    }

    /// One typo in a word of five letters or more, never in its first letter: two letters
    /// swapped, one dropped, or one doubled. Nil when no word is long enough.
    static func typo(_ text: String, _ rng: inout SeededGenerator) -> String? {
        var words = text.split(separator: " ").map { Array($0) }
        let long = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) }
        guard !long.isEmpty else { return nil }
        let w = long[Int(rng.next() % UInt64(long.count))]
        var letters = words[w]
        let at = 1 + Int(rng.next() % UInt64(letters.count - 2))
        switch rng.next() % 3 {
        case 0: letters.swapAt(at, at + 1)
        case 1: letters.remove(at: at)
        default: letters.insert(letters[at], at: at)
        }
        if letters == words[w] { letters.remove(at: at) }
        words[w] = letters
        return words.map { String($0) }.joined(separator: " ")
    }

    /// The user's feeling about a history film from its rating (all liked without ratings;
    /// nil for the lukewarm middle).
    static func feeling(at index: Int, _ profile: Profile, _ habits: Habits) -> Feeling? {
        guard let ratings = profile.ratings else { return .liked }
        if ratings[index] >= habits.likeAtLeast { return .liked }
        if ratings[index] <= habits.dislikeAtMost { return .disliked }
        return nil
    }

    /// Turn 1: one to three liked films from the recent history, sometimes a disliked one,
    /// in a sentence.
    static func makeOpening(
        _ profile: Profile, _ world: SimulatorCatalog, _ guardian: LeakGuard, _ habits: Habits,
        _ rng: inout SeededGenerator, _ rejections: inout Int
    ) -> Turn {
        let recent = Array(profile.history.indices.suffix(habits.recentWindow).reversed())
        var liked = recent.filter { feeling(at: $0, profile, habits) == .liked }
        if liked.isEmpty { liked = Array(profile.history.indices.reversed()) }
        liked = Array(liked.prefix(12))
        liked.shuffle(using: &rng)
        let wanted = 1 + Int(rng.next() % 3)
        var named: [Named] = []
        for index in liked where named.count < wanted {
            if let typed = type(profile.history[index], world, guardian, habits, &rng) {
                named.append(Named(item: profile.history[index], feeling: .liked, typed: typed.text, kind: typed.kind, typo: typed.typo))
            }
        }
        var disliked: Named?
        if Double(rng.nextUnitFloat()) < habits.dislikeShare {
            let candidates = recent.filter { feeling(at: $0, profile, habits) == .disliked }.shuffled(using: &rng)
            for index in candidates {
                if let typed = type(profile.history[index], world, guardian, habits, &rng) {
                    disliked = Named(item: profile.history[index], feeling: .disliked, typed: typed.text, kind: typed.kind, typo: typed.typo)
                    break
                }
            }
        }
        for _ in 0..<20 {
            var parts: [String] = []
            if !named.isEmpty {
                let list = named.map(\.typed).spokenList
                let options = Phrasebook.likes(list, plural: named.count > 1)
                parts.append(options[Int(rng.next() % UInt64(options.count))])
            }
            if let disliked {
                let options = Phrasebook.dislike(disliked.typed)
                parts.append(options[Int(rng.next() % UInt64(options.count))])
            }
            guard !parts.isEmpty else { break }
            let join = Phrasebook.dislikeJoins[Int(rng.next() % UInt64(Phrasebook.dislikeJoins.count))]
            let text = parts.joined(separator: join)
            if !guardian.leaks(text) { return Turn(text: text, named: named + [disliked].compactMap { $0 }) }
            rejections += 1
        }
        return Turn(text: "hi, what should I watch?")
    }


    /// What the later turns will reveal, in order: the kinds (genre, decade, tag, a close
    /// history film) in a seeded order, then round by round one of each kind.
    static func plan(
        _ profile: Profile, _ world: SimulatorCatalog, _ guardian: LeakGuard, _ habits: Habits, named: Set<Int32>,
        _ rng: inout SeededGenerator
    ) -> [Fact] {
        let target = profile.target
        let item = world.catalog[Int(target)]
        var byKind: [[Fact]] = []
        byKind.append(world.askableGenres(of: target).prefix(2).map { .genre($0) })
        byKind.append(item.year.map { [.decade($0 - $0 % 10)] } ?? [])
        byKind.append(item.tags.shuffled(using: &rng).filter { !guardian.leaks($0) }.prefix(2).map { .tag($0) })
        let close = profile.history.indices.reversed()
            .filter { feeling(at: $0, profile, habits) == .liked && !named.contains(profile.history[$0]) }
            .map { profile.history[$0] }
            .filter { world.genreSimilarity($0, target) > 0 && world.titles.forms[Int($0)].contains { !guardian.leaks($0.text) } }
        let ranked = close.enumerated().sorted {
            let a = world.genreSimilarity($0.element, target), b = world.genreSimilarity($1.element, target)
            return a != b ? a > b : $0.offset < $1.offset
        }
        byKind.append(ranked.prefix(2).map { .similarFilm($0.element) })
        byKind = byKind.filter { !$0.isEmpty }
        byKind.shuffle(using: &rng)
        var facts: [Fact] = []
        for round in 0..<2 { for kind in byKind where round < kind.count { facts.append(kind[round]) } }
        return facts
    }
}
