extension Feelings {
    // Whose feeling a clause says. "My wife hated Titanic", "my grandpa cried at Up", "she loves
    // Heat", "Toy Story made my son cry", "Heat is my dad's favourite": the feeling is another
    // person's, never the user's like or dislike. The rule: the nearest subject before the film
    // is another person (a possessive and a word for a person, or he/she/they, which stands for
    // the person named before it), or, with no subject before it, the film did something to one
    // after it; and the user is not among them ("my wife and I loved Heat", "me and my wife",
    // "my dad showed me Heat") nor says a feeling of their own after it ("…and I loved it").
    // A person after "for" or "with" is whom a film is for, not whose feeling it is.
    // What is done with it is the turn's choice: when the user is choosing for someone
    // (`choosesForSomeone`: "something for my wife, she hated Titanic") that person's feelings
    // steer the list, a like as a film to find more like, a dislike left out; otherwise the film
    // is context only, neither liked, disliked nor steered toward, and the reply says so.

    /// Words for people a user may speak of ("my wife", "our kids", "my dad's").
    static let people: Set<String> = Vocabulary.childWords.subtracting(["little"]).union([
        "wife", "husband", "partner", "boyfriend", "girlfriend", "bf", "gf", "fiance", "fiancee", "spouse", "hubby", "wifey",
        "missus", "dad", "mom", "mum", "mother", "father", "parents", "folks", "grandpa", "grandma", "granddad", "grandad",
        "grandmother", "grandfather", "gran", "nan", "nana", "papa", "mama", "brother", "sister", "brothers", "sisters", "sis",
        "bro", "friend", "friends", "buddy", "mate", "mates", "roommate", "flatmate", "colleague", "coworker", "boss", "uncle",
        "aunt", "auntie", "cousin", "cousins", "family", "teenager", "teen", "baby", "stepson", "stepdaughter", "grandkids",
        "stepdad", "stepmom", "stepmum", "stepfather", "stepmother", "stepbrother", "stepsister", "inlaws", "neighbour",
        "neighbor", "neighbours", "neighbors", "housemate", "classmate", "bestie", "man", "lady", "guy",
    ])
    /// Words that may stand between a possessive and the person ("my best friend", "my little
    /// brother", "my old man"): which one, not who.
    private static let kinship: Set<String> = [
        "best", "little", "big", "older", "younger", "old", "eldest", "oldest", "youngest", "baby", "step", "late", "dear", "twin",
        "teenage", "grown", "other", "new",
    ]
    /// Subjects that are nobody in particular ("everyone loves Die Hard", "who doesn't love it?").
    private static let anyone: Set<String> = [
        "everyone", "everybody", "nobody", "noone", "someone", "somebody", "anyone", "anybody", "who", "people", "critics", "fans",
    ]
    /// What a person named with no possessive does as a subject ("dad loves Die Hard", "Sarah
    /// watched it twice", "the kids adored Up"): a verb of feeling or watching, or one that says
    /// what the person did or holds.
    private static let subjectVerbs: Set<String> = Vocabulary.namingVerbs.union([
        "has", "had", "is", "was", "cant", "cried", "thinks", "thought", "says", "said", "finds", "found", "keeps", "knows",
        "quotes", "rewatches", "watches", "adores", "enjoys", "despises", "swears", "worships", "grew", "always", "really", "still",
    ])
    private static let possessives: Set<String> = ["my", "our", "his", "her", "their"]
    private static let thirdPersons: [String: String] = [
        "she": "her", "shes": "her", "shed": "her", "he": "him", "hes": "him", "hed": "him", "they": "them", "theyre": "them", "theyd": "them",
    ]
    private static let firstPersons: Set<String> = ["i", "im", "ive", "id", "ill", "me", "mine", "we", "weve", "wed", "us", "myself", "ourselves"]
    private static let groupWishes: Set<String> = ["watch", "want", "need", "something", "recommend", "suggest", "tonight", "pick", "choose"]
    private static let wanting: Set<String> = ["wants", "want", "needs", "need", "fancies", "asked", "asks", "prefers"]
    /// Words before a person that make them whom a film is for, not whose feeling it is.
    private static let audienceWords: Set<String> = ["for", "with"]

    /// The person (as the reply names them: "your wife", "her") whose feeling the clause says of
    /// each mention, when it is not the user's; nil for the user's own.
    static func holders(of mentions: [TitleMatcher.Mention], in words: [TextNormalizer.Word], clause: Range<Int>) -> [String?] {
        mentions.indices.map { index in
            let head = Self.head(of: mentions[index], in: words)
            // The user speaking of it after it: "my wife recommended Heat and I loved it", "…and mine
            // too" (not "…, what should we watch": no feeling there).
            let right = segments(of: index, mentions, in: words, clause: clause).right
            if let me = right.first(where: { firstPersons.contains(words[$0].text) }),
               words[me].text == "mine" || feeling(of: words[me..<min(right.upperBound, me + 8)].map(\.text)) != nil { return nil }
            // Before the film, the nearest subject: "i" (the user's), or another person.
            switch subject(before: head, from: clause.lowerBound, in: words) {
            case .user: return nil
            case .other(let person): return person
            // After it, one the film did something to ("made my son cry", "is my dad's favourite").
            case nil: return right.lazy.compactMap { self.person(at: $0, in: words) }.first
            }
        }
    }

    /// Whose a clause is: the user's, or another person's.
    enum Subject: Equatable { case user, other(String) }

    /// The nearest subject before `end` back to `start`: a word of the user's own ("i", "me",
    /// "we"), he/she/they, or a person after a possessive that is not whom a film is for.
    static func subject(before end: Int, from start: Int, in words: [TextNormalizer.Word]) -> Subject? {
        for index in stride(from: end - 1, through: start, by: -1) {
            let word = words[index].text
            if firstPersons.contains(word) { return .user }
            if thirdPersons[word] != nil {
                // "something for my wife, she hated Titanic": she is the wife.
                let named = stride(from: index - 1, through: 0, by: -1).lazy.compactMap { self.person(at: $0, in: words, audience: true) }.first
                return .other(named ?? thirdPersons[word]!)
            }
            if let person = person(at: index, in: words) ?? namedSubject(at: index, before: end, in: words) {
                // "me and my wife loved Up": the user is among them.
                let joined = index >= 3 && ["and", "plus"].contains(words[index - 2].text) && firstPersons.contains(words[index - 3].text)
                return joined ? .user : .other(person)
            }
        }
        return nil
    }

    /// The person named at `index` ("my wife", "our kids", "my dad's"), as the reply says it; nil
    /// when none is, or one is whom a film is for ("for my wife") unless `audience`.
    private static func person(at index: Int, in words: [TextNormalizer.Word], audience: Bool = false) -> String? {
        // The possessive, past the words that say which one ("my best friend", "my old man").
        var owner = index - 1
        while owner >= 0, index - owner <= 2, kinship.contains(words[owner].text), !words[owner].endsSentence { owner -= 1 }
        guard owner >= 0, possessives.contains(words[owner].text), let noun = personNoun(words[index]) else { return nil }
        guard audience || owner < 1 || !audienceWords.contains(words[owner - 1].text) else { return nil }
        let which = words[(owner + 1)..<index].map { $0.text + " " }.joined()
        return (["my", "our"].contains(words[owner].text) ? "your " : words[owner].text + " ") + which + noun
    }

    /// Whether another person starts a clause at `index` as its subject: he, she or they, or a
    /// possessive and a word for a person ("my dad", "my best friend") followed by a verb of theirs.
    static func startsAnotherSubject(at index: Int, in words: [TextNormalizer.Word]) -> Bool {
        guard index < words.count else { return false }
        if thirdPersons[words[index].text] != nil { return true }
        guard possessives.contains(words[index].text) else { return false }
        // The noun within three words, a word after it for its verb.
        let end = min(words.count - 1, index + 4)
        guard index + 1 < end else { return false }
        return ((index + 1)..<end).contains { noun in
                personNoun(words[noun]) != nil && words[(index + 1)..<noun].allSatisfy { kinship.contains($0.text) }
                    && subjectVerbs.contains(words[noun + 1].text)
            }
    }

    /// A word for a person, as the reply says it; "my dad's favourite": the possessive's "s" typed on it.
    /// A plural word typed as a possessive is one person's ("my sister's", "my friend's" had been
    /// "your sisters", "your friends"); "my sisters' favourite" keeps its plural.
    private static func personNoun(_ word: TextNormalizer.Word) -> String? {
        let text = word.text, single = String(text.dropLast())
        if word.possessive, text.hasSuffix("s"), people.contains(single) { return single }
        return people.contains(text) ? text : text.hasSuffix("s") && people.contains(single) ? single : nil
    }

    /// A person named with no possessive as the subject of what follows, before `end`: a word for
    /// a person ("dad loves Die Hard", "the kids adored Up": "your dad", "the kids"), or a name
    /// typed with a capital that the reader knows as nothing else ("Sarah hates Titanic").
    private static func namedSubject(at index: Int, before end: Int, in words: [TextNormalizer.Word]) -> String? {
        guard index + 1 < end, !words[index].endsSentence, !words[index].pauseAfter, subjectVerbs.contains(words[index + 1].text) else { return nil }
        let word = words[index].text
        if !anyone.contains(word), let noun = personNoun(words[index]), noun == word || words[index].capitalized {
            return index > 0 && words[index - 1].text == "the" ? "the \(word)" : "your \(noun)"
        }
        // A name only before a verb that a person does ("Zorbo was great" may be a film not found).
        guard words[index].capitalized, !anyone.contains(word), Vocabulary.isUnknown(word), index == 0 || !words[index - 1].capitalized,
              !["is", "was", "had", "always", "really", "still"].contains(words[index + 1].text) else { return nil }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Whether the turn chooses a film for someone else: "for" a person ("something for my wife",
    /// "a film for him", "for the kids"), watching "with" one ("watching with my dad tonight"), or
    /// a person wanting ("my wife wants something light", "she'd like a comedy").
    static func choosesForSomeone(_ words: [TextNormalizer.Word]) -> Bool {
        let tokens = words.map(\.text)
        // "what should we watch tonight", "movie night with the family": choosing for a group the user is in.
        if tokens.contains(where: ["we", "us"].contains) && tokens.contains(where: groupWishes.contains)
            || tokens.indices.dropFirst().contains(where: { tokens[$0] == "night" && ["movie", "film", "date", "family"].contains(tokens[$0 - 1]) }) {
            return true
        }
        return tokens.indices.contains { index in
            let word = tokens[index], next = tokens[safe: index + 1], after = tokens[safe: index + 2]
            let personNext = next.map { ["him", "her", "them"].contains($0) } == true
                || next.map { possessives.contains($0) || $0 == "the" } == true && after.map(people.contains) == true
            if word == "for" && personNext { return true }
            if word == "with" && personNext, index > 0, ["watch", "watching", "night", "evening", "tonight", "see"].contains(tokens[index - 1]) { return true }
            let person = thirdPersons[word] != nil || people.contains(word) && index > 0 && possessives.contains(tokens[index - 1])
            return person && (next.map(wanting.contains) == true || next == "would" && after == "like" || ["shed", "hed", "theyd"].contains(word) && next == "like")
        }
    }
}
